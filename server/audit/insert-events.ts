import { Prisma } from '@/prisma/generated/client';
import type { PreparedEvent } from './prepare-event';
import type { PrismaClient } from './prisma-client';

/**
 * One multi-row INSERT. The database's trigger links each row into the chain in order, and silently skips a row
 * whose request id is already recorded (a retry), so this is safe to repeat.
 */
export async function insertEvents(prisma: PrismaClient, events: PreparedEvent[]): Promise<void> {
  await prisma.auditEvent.createMany({
    data: events.map((e) => ({
      requestId: e.requestId,
      at: e.at,
      source: e.source as 'console' | 'api' | 'controller',
      actorUsername: e.actorUsername,
      actorGroups: e.actorGroups,
      actorVia: e.actorVia as 'oidc' | 'token' | 'api' | 'controller',
      actorIssuer: e.actorIssuer,
      action: e.action,
      targetKind: e.targetKind,
      targetName: e.targetName,
      targetAccount: e.targetAccount,
      targetSpace: e.targetSpace,
      summary: e.summary === null ? Prisma.DbNull : (e.summary as Prisma.InputJsonValue),
      outcome: e.outcome as 'done' | 'denied' | 'failed' | 'unknown',
      message: e.message,
      clientAddress: e.clientAddress,
      contentHash: Buffer.from(e.contentHash, 'hex'),
    })),
  });
}
