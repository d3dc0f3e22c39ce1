import type { Prisma } from '../../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/**
 * Moves everything an anonymous user owns to the real user it turned out to be, then deletes
 * the anonymous row. Where both have the same thing (a device, an address, a template's
 * consent, a location), the real user's row wins and the anonymous duplicate is dropped,
 * except that the more recent location and consent are kept. Sessions are not moved (an
 * anonymous token was whoever held the device, never the real user): the caller ends them
 * first (LoginService). Runs inside the caller's transaction: a failure leaves both users as
 * they were.
 */
export async function mergeAnonymousUser(tx: Tx, anonymousId: string, realId: string): Promise<void> {
  const [devices, addresses] = await Promise.all([
    tx.device.findMany({ where: { userId: realId }, select: { deviceKey: true } }),
    tx.address.findMany({ where: { userId: realId }, select: { fingerprint: true } }),
  ]);
  await tx.device.deleteMany({ where: { userId: anonymousId, deviceKey: { in: devices.map((d) => d.deviceKey) } } });
  await tx.device.updateMany({ where: { userId: anonymousId }, data: { userId: realId } });
  await tx.address.deleteMany({ where: { userId: anonymousId, fingerprint: { in: addresses.map((a) => a.fingerprint) } } });
  await tx.address.updateMany({ where: { userId: anonymousId }, data: { userId: realId } });

  const anonymousConsents = await tx.subscriptionConsent.findMany({ where: { userId: anonymousId } });
  for (const consent of anonymousConsents) {
    const mine = await tx.subscriptionConsent.findUnique({
      where: { userId_templateId: { userId: realId, templateId: consent.templateId } },
    });
    if (!mine) {
      await tx.subscriptionConsent.update({ where: { id: consent.id }, data: { userId: realId } });
    } else {
      if (consent.decidedAt > mine.decidedAt) {
        await tx.subscriptionConsent.update({
          where: { id: mine.id },
          data: {
            status: consent.status,
            kind: consent.kind,
            alwaysSubscribe: consent.alwaysSubscribe,
            reminderWays: consent.reminderWays ?? undefined,
            decidedAt: consent.decidedAt,
            credits: mine.credits + consent.credits,
          },
        });
      } else if (consent.credits > 0) {
        await tx.subscriptionConsent.update({ where: { id: mine.id }, data: { credits: mine.credits + consent.credits } });
      }
      await tx.subscriptionConsent.delete({ where: { id: consent.id } });
    }
  }

  const [anonymousLocation, realLocation] = await Promise.all([
    tx.location.findUnique({ where: { userId: anonymousId } }),
    tx.location.findUnique({ where: { userId: realId } }),
  ]);
  if (anonymousLocation && (!realLocation || anonymousLocation.recordedAt > realLocation.recordedAt)) {
    const { userId: _ignored, updatedAt: _u, ...fields } = anonymousLocation;
    await tx.location.upsert({ where: { userId: realId }, create: { ...fields, userId: realId }, update: fields });
  }
  // The consent ledger is history: every decision the anonymous user made stays on record.
  await tx.subscriptionConsentEvent.updateMany({ where: { userId: anonymousId }, data: { userId: realId } });
  await tx.notification.updateMany({ where: { userId: anonymousId }, data: { userId: realId } });
  await tx.user.delete({ where: { id: anonymousId } });
}
