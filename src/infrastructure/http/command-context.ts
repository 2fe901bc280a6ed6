import { randomUUID } from 'node:crypto';
import type { Request } from './http-types';
import type { CommandContext } from '../../shared/messages';
import type { RequestWithPrincipal } from './principal';

/**
 * The who/when/where of a command sent from an HTTP request. The ip is the socket's unless the
 * app runs behind a trusted proxy (TRUST_PROXY=true sets Fastify's `trustProxy`, so `req.ip`
 * reads X-Forwarded-For only then).
 */
export function commandContext(req: Request): CommandContext {
  const request = req as RequestWithPrincipal;
  const principal = request.principal;
  return {
    actor: principal ? { id: principal.id, role: principal.role } : { id: 'anonymous', role: 'anonymous' },
    correlationId: request.correlationId ?? randomUUID(),
    now: new Date(),
    ip: req.ip ?? req.socket?.remoteAddress,
  };
}
