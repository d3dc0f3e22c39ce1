#!/usr/bin/env bash
# Regenerates the crypto fixtures of this folder with tools outside our code: the openssl CLI
# (OpenSSL 3.0), sha1sum, base64, xxd, head/tail/dd and jq. Run from this folder:
#   bash make-vectors.sh
# Keys, IVs and RSA key pairs are random on each run; the committed JSON is one such run.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

APPID=tt_vector_app
b64() { base64 -w0 "$1"; }
hex2b64() { printf '%s' "$1" | xxd -r -p | base64 -w0; }

# ---------------------------------------------------------------- AES-CBC (user data)
# enc KEYHEX IVHEX INFILE [extra openssl args] -> base64 ciphertext
enc() { openssl enc "-aes-$((${#1} * 4))-cbc" -K "$1" -iv "$2" -in "$3" "${@:4}" | base64 -w0; }

KEY128=$(openssl rand -hex 16); KEY192=$(openssl rand -hex 24); KEY256=$(openssl rand -hex 32)
# 0xfbefbe encodes as "++++": a session_key that shows what a form decoder does to '+'.
KEYPLUS="fbefbe$(openssl rand -hex 13)"
WRONGKEY=$(openssl rand -hex 16)
IV=$(openssl rand -hex 16)

printf '%s' '{"nickName":"测试用户","avatarUrl":"https://example.invalid/a.png","gender":1,"city":"Beijing","province":"Beijing","country":"China","language":"zh_CN","watermark":{"appid":"tt_vector_app","timestamp":1700000000}}' >"$tmp/profile.json"
printf '%s' '{"phoneNumber":"+8613800000000","purePhoneNumber":"13800000000","countryCode":"86","watermark":{"appid":"tt_vector_app","timestamp":1700000000}}' >"$tmp/phone.json"
printf '%s' 'this is not json at all' >"$tmp/notjson.txt"
printf '%s' '{"nickName":"x","watermark":{"appid":"tt_some_other_app","timestamp":1700000000}}' >"$tmp/otherapp.json"
# One block whose last byte is 0x00: never valid PKCS#7, encrypted without padding.
printf 'abcdefghijklmno\0' >"$tmp/badpad.bin"

CT128=$(enc "$KEY128" "$IV" "$tmp/profile.json")
# Truncate one byte off the ciphertext, then re-encode: not a multiple of 16.
printf '%s' "$CT128" | base64 -d | head -c -1 >"$tmp/trunc.bin"
# A ciphertext is "wrong key" only if openssl itself refuses it (it checks PKCS#7 too).
if openssl enc -d -aes-128-cbc -K "$WRONGKEY" -iv "$IV" -in <(printf '%s' "$CT128" | base64 -d) >/dev/null 2>&1; then
  echo "wrong key happened to give valid padding; run again" >&2; exit 1
fi

aes_case() { # name key iv ciphertext expect(json)
  jq -n --arg name "$1" --arg key "$2" --arg iv "$3" --arg ct "$4" --argjson expect "$5" --arg appId "$APPID" \
    '{name:$name, sessionKey:$key, iv:$iv, encryptedData:$ct, appId:$appId, expect:$expect}'
}
{
  aes_case "aes-128 profile" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "$CT128" "$(jq -c '{ok:.}' "$tmp/profile.json")"
  aes_case "aes-192 profile" "$(hex2b64 "$KEY192")" "$(hex2b64 "$IV")" "$(enc "$KEY192" "$IV" "$tmp/profile.json")" "$(jq -c '{ok:.}' "$tmp/profile.json")"
  aes_case "aes-256 phone" "$(hex2b64 "$KEY256")" "$(hex2b64 "$IV")" "$(enc "$KEY256" "$IV" "$tmp/phone.json")" "$(jq -c '{ok:.}' "$tmp/phone.json")"
  aes_case "aes-128 key with '+'" "$(hex2b64 "$KEYPLUS")" "$(hex2b64 "$IV")" "$(enc "$KEYPLUS" "$IV" "$tmp/phone.json")" "$(jq -c '{ok:.}' "$tmp/phone.json")"
  aes_case "session_key with '+' turned into ' '" "$(hex2b64 "$KEYPLUS" | tr '+' ' ')" "$(hex2b64 "$IV")" "$(enc "$KEYPLUS" "$IV" "$tmp/phone.json")" '{"reason":"plus_became_space"}'
  aes_case "encryptedData with invalid characters" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "${CT128:0:8}*#${CT128:10}" '{"reason":"bad_base64"}'
  aes_case "encryptedData URL-encoded" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "$(printf '%s' "$CT128" | sed 's/+/%2B/g; s#/#%2F#g; s/=/%3D/g')" '{"reason":"bad_base64"}'
  aes_case "session_key of 20 bytes" "$(openssl rand -base64 20)" "$(hex2b64 "$IV")" "$CT128" '{"reason":"bad_key_length"}'
  aes_case "iv of 12 bytes" "$(hex2b64 "$KEY128")" "$(openssl rand -base64 12)" "$CT128" '{"reason":"bad_iv_length"}'
  aes_case "ciphertext one byte short" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "$(b64 "$tmp/trunc.bin")" '{"reason":"not_block_multiple"}'
  aes_case "stale session_key (wrong key)" "$(hex2b64 "$WRONGKEY")" "$(hex2b64 "$IV")" "$CT128" '{"reason":"bad_padding"}'
  aes_case "last byte 0x00 (no valid PKCS#7)" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "$(enc "$KEY128" "$IV" "$tmp/badpad.bin" -nopad)" '{"reason":"bad_padding"}'
  aes_case "plaintext not JSON" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "$(enc "$KEY128" "$IV" "$tmp/notjson.txt")" '{"reason":"not_json"}'
  aes_case "watermark of another app" "$(hex2b64 "$KEY128")" "$(hex2b64 "$IV")" "$(enc "$KEY128" "$IV" "$tmp/otherapp.json")" '{"reason":"watermark_mismatch"}'
} | jq -s '{tool:"openssl enc -aes-N-cbc -K <hex> -iv <hex> (PKCS#7 unless -nopad)", cases:.}' >aes.json

# ---------------------------------------------------------------- signature
SK=$(hex2b64 "$KEY128")
RAW=$(jq -c 'del(.watermark)' "$tmp/profile.json")
SIG=$(printf '%s%s' "$RAW" "$SK" | sha1sum | cut -d' ' -f1)
jq -n --arg raw "$RAW" --arg sk "$SK" --arg sig "$SIG" --arg other "$(hex2b64 "$WRONGKEY")" '{
  tool:"printf %s%s rawData session_key | sha1sum",
  cases:[
    {name:"valid", rawData:$raw, sessionKey:$sk, signature:$sig, valid:true},
    {name:"valid, upper-case hex", rawData:$raw, sessionKey:$sk, signature:($sig|ascii_upcase), valid:true},
    {name:"tampered rawData", rawData:($raw|sub("Beijing";"Shanghai")), sessionKey:$sk, signature:$sig, valid:false},
    {name:"stale session_key", rawData:$raw, sessionKey:$other, signature:$sig, valid:false},
    {name:"truncated signature", rawData:$raw, sessionKey:$sk, signature:$sig[0:39], valid:false},
    {name:"not hex", rawData:$raw, sessionKey:$sk, signature:("zz"+$sig[2:]), valid:false}
  ]}' >signature.json

# ---------------------------------------------------------------- RSA PKCS#1 v1.5 (phone by code)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$tmp/k1024.pem" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/k2048.pem" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$tmp/other.pem" 2>/dev/null
for k in k1024 k2048; do openssl pkey -in "$tmp/$k.pem" -pubout -out "$tmp/$k.pub"; done

# rsa_enc PUB INFILE -> base64 of the concatenated PKCS#1 v1.5 blocks (k-11 plaintext bytes each)
rsa_enc() {
  local pub=$1 in=$2 bytes chunk=$(( $3 - 11 )) i=0 size
  size=$(stat -c %s "$in"); : >"$tmp/out.bin"
  while [ $((i * chunk)) -lt "$size" ]; do
    dd if="$in" of="$tmp/chunk" bs="$chunk" skip="$i" count=1 status=none
    openssl pkeyutl -encrypt -pubin -inkey "$pub" -pkeyopt rsa_padding_mode:pkcs1 -in "$tmp/chunk" >>"$tmp/out.bin"
    i=$((i + 1))
  done
  b64 "$tmp/out.bin"
}
# raw_block PUB HEX -> base64 of one raw RSA block (no padding mode: the padding is ours to forge)
raw_block() { printf '%s' "$2" | xxd -r -p | openssl pkeyutl -encrypt -pubin -inkey "$1" -pkeyopt rsa_padding_mode:none | base64 -w0; }
MSG=$(printf 'hello' | xxd -p)
nz() { openssl rand 600 | tr -d '\000' | head -c "$1" | xxd -p | tr -d '\n'; }  # n non-zero bytes as hex
PAD_TYPE1="0001$(printf 'ff%.0s' $(seq 1 $((128 - 3 - 5))))00$MSG"
PAD_SHORT_PS="0002$(nz 7)00$(printf '41%.0s' $(seq 1 $((128 - 3 - 7))))"
PAD_NO_SEP="0002$(nz 126)"

printf '%s' '{"nickName":"x"}' >"$tmp/nowm.json"
rsa_case() { jq -n --arg name "$1" --arg key "$2" --arg ct "$3" --argjson expect "$4" --arg appId "$APPID" \
  '{name:$name, privateKeyPem:$key, ciphertext:$ct, appId:$appId, expect:$expect}'; }
K1024=$(cat "$tmp/k1024.pem"); K2048=$(cat "$tmp/k2048.pem")
PHONE1024=$(rsa_enc "$tmp/k1024.pub" "$tmp/phone.json" 128)
printf '%s' "$PHONE1024" | base64 -d | head -c -5 >"$tmp/rtrunc.bin"
# First block of the good ciphertext followed by a forged type-1 block.
{ printf '%s' "$PHONE1024" | base64 -d | head -c 128; raw_block "$tmp/k1024.pub" "$PAD_TYPE1" | base64 -d; } >"$tmp/mixed.bin"
# Encrypted for another key pair: keep only a ciphertext whose blocks are below our modulus
# (openssl's raw decryption accepts them), so the padding check is what must refuse it.
openssl pkey -in "$tmp/other.pem" -pubout -out "$tmp/other.pub"
for attempt in $(seq 1 50); do
  WRONGPAIR=$(rsa_enc "$tmp/other.pub" "$tmp/phone.json" 128)
  printf '%s' "$WRONGPAIR" | base64 -d >"$tmp/wp.bin"
  ok=1
  for blk in 0 1; do
    dd if="$tmp/wp.bin" of="$tmp/wpb" bs=128 skip=$blk count=1 status=none
    openssl pkeyutl -decrypt -inkey "$tmp/k1024.pem" -pkeyopt rsa_padding_mode:none -in "$tmp/wpb" >/dev/null 2>&1 || ok=0
  done
  [ $ok = 1 ] && break
done
[ $ok = 1 ] || { echo "could not make a wrong-key-pair vector" >&2; exit 1; }
{
  rsa_case "1024-bit, phone in 2 blocks" "$K1024" "$PHONE1024" "$(jq -c '{ok:.}' "$tmp/phone.json")"
  rsa_case "2048-bit, phone in 1 block" "$K2048" "$(rsa_enc "$tmp/k2048.pub" "$tmp/phone.json" 256)" "$(jq -c '{ok:.}' "$tmp/phone.json")"
  rsa_case "1024-bit, profile in 2 blocks" "$K1024" "$(rsa_enc "$tmp/k1024.pub" "$tmp/profile.json" 128)" "$(jq -c '{ok:.}' "$tmp/profile.json")"
  rsa_case "private key is not PEM" "not a key" "$PHONE1024" '{"reason":"rsa_bad_key"}'
  rsa_case "ciphertext with invalid characters" "$K1024" "!!${PHONE1024:2}" '{"reason":"bad_base64"}'
  rsa_case "ciphertext truncated" "$K1024" "$(b64 "$tmp/rtrunc.bin")" '{"reason":"rsa_bad_length"}'
  rsa_case "encrypted for another key pair" "$K1024" "$WRONGPAIR" '{"reason":"rsa_bad_padding"}'
  rsa_case "block type 1 instead of 2" "$K1024" "$(raw_block "$tmp/k1024.pub" "$PAD_TYPE1")" '{"reason":"rsa_bad_padding"}'
  rsa_case "padding string of 7 bytes" "$K1024" "$(raw_block "$tmp/k1024.pub" "$PAD_SHORT_PS")" '{"reason":"rsa_bad_padding"}'
  rsa_case "no zero separator" "$K1024" "$(raw_block "$tmp/k1024.pub" "$PAD_NO_SEP")" '{"reason":"rsa_bad_padding"}'
  rsa_case "good block followed by a bad one" "$K1024" "$(b64 "$tmp/mixed.bin")" '{"reason":"rsa_bad_padding"}'
  rsa_case "plaintext not JSON" "$K1024" "$(rsa_enc "$tmp/k1024.pub" "$tmp/notjson.txt" 128)" '{"reason":"not_json"}'
  rsa_case "no watermark" "$K1024" "$(rsa_enc "$tmp/k1024.pub" "$tmp/nowm.json" 128)" '{"reason":"watermark_mismatch"}'
  rsa_case "watermark of another app" "$K1024" "$(rsa_enc "$tmp/k1024.pub" "$tmp/otherapp.json" 128)" '{"reason":"watermark_mismatch"}'
} | jq -s '{tool:"openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:pkcs1 per (k-11)-byte chunk; forged blocks with rsa_padding_mode:none", cases:.}' >rsa.json
echo "wrote aes.json signature.json rsa.json"
