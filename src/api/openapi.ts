/** The OpenAPI 3.1 document, generated from the zod schemas (z.toJSONSchema) and the route table. */
import { z } from 'zod';
import { clientMessageSchema, errorBodySchema, serverMessageSchema } from './doc-schemas.ts';
import { ROUTE_DOCS, type RouteDoc } from './route-docs.ts';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
};

const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function queryParameters(query: z.ZodType | undefined): Json[] {
  if (!query) return [];
  const props = (schemaOf(query, 'input').properties ?? {}) as Record<string, Json>;
  return Object.entries(props).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
}

function operation(route: RouteDoc): Json {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const ok: Json = { description: route.status === 204 ? 'No content' : 'OK' };
  if (route.response instanceof z.ZodType) ok.content = { 'application/json': { schema: schemaOf(route.response, 'output') } };
  else if (route.response) ok.content = { [route.response]: { schema: { type: 'string', format: 'binary' } } };
  const responses: Json = { [String(route.status)]: ok, '400': errorResponse('Invalid input (every issue with its path)') };
  if (route.auth) responses['401'] = errorResponse('No valid session');
  const unsafe = route.method !== 'get';
  const crossSite = 'cross-site request (Origin / Sec-Fetch-Site not this console)';
  const refusals = [
    ...(route.permission ? [`Needs the "${route.permission}" permission`] : []),
    ...(route.viewing ? ['Needs a habilitation and both trainings (error.reason: not_habilitated, habilitation_withdrawn, habilitation_expired, training_missing; error.habilitation says more)'] : []),
    ...(unsafe ? [`a ${crossSite}`] : []),
  ].join('; or ');
  if (refusals) responses['403'] = errorResponse(refusals.charAt(0).toUpperCase() + refusals.slice(1));
  if (route.path.includes('{')) responses['404'] = errorResponse('Not found');
  if (route.conflict) responses['409'] = errorResponse(route.conflict);
  if (route.body) responses['413'] = errorResponse('Body over 1 MB');
  if (unsafe) responses['415'] = errorResponse('A body that is not Content-Type: application/json');
  if (route.throttled) responses['429'] = errorResponse('Too many failed attempts: wait the Retry-After seconds');
  return {
    summary: route.summary,
    ...(route.auth ? { security: [{ session: [] }] } : { security: [] }),
    parameters: [...pathParams, ...queryParameters(route.query)],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
    responses,
  };
}

export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTE_DOCS) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  paths['/ws'] = {
    get: {
      summary: 'WebSocket (upgrade): hello, alert, alert-updated, camera, frame, pong, system-alert, viewing messages; see ServerMessage and ClientMessage',
      security: [{ session: [] }],
      responses: { '101': { description: 'Switching protocols' }, '401': errorResponse('No valid session'), '403': errorResponse('Cross-origin request') },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigie console API',
      version,
      description:
        'REST API and WebSocket of the Vigie console. WebSocket: GET /ws with the session cookie; the server sends ' +
        'ServerMessage JSON texts (components.schemas.ServerMessage), the client sends ClientMessage texts.',
    },
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'vigie_session' } },
      schemas: {
        Error: schemaOf(errorBodySchema, 'output'),
        ServerMessage: schemaOf(serverMessageSchema, 'output'),
        ClientMessage: schemaOf(clientMessageSchema, 'input'),
      },
    },
  };
}
