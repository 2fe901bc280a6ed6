import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/** What every handler sees of a request and its response; Fastify underneath. */
export type Request = FastifyRequest;
export type Response = FastifyReply;

declare module 'fastify' {
  interface FastifyRequest {
    /** The URL's path without the query (Express's `req.path`); set in the first hook. */
    path: string;
    /** The signed-in user, set by the session hook. */
    principal?: Principal;
    /** A session cookie came that no live session answers (idle timeout, signed out elsewhere). */
    sessionLapsed: boolean;
    correlationId?: string;
  }
  interface FastifyReply {
    /** Values every template of this response sees (principal, csrfToken, currentPath). */
    locals: Record<string, unknown>;
    /** Renders templates/pages/<view>.hbs inside the layout and sends it as HTML. */
    render(view: string, data?: object): FastifyReply;
    /** The same, under the name Nest's `@Render()` calls. */
    view(view: string, data?: object): FastifyReply;
  }
}
