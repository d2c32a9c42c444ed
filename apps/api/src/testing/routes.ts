// The routes the application serves, read from the app itself (controllers and their handlers'
// metadata), with what each takes: its path parameters, its body DTO, its query DTO. Tests that
// must cover every route (access matrix, hostile input) start from this list, so a new route is
// covered without anyone remembering.
import { createRequire } from 'node:module';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { getMetadataStorage } from 'class-validator';
import { DEV_MAILBOX_PATHS } from '../modules/mail/dev-mailbox.controller.js';
import { API_PREFIX } from '../app.js';

type Class = abstract new (...args: never[]) => unknown;

export interface DiscoveredRoute {
  /** `POST /tenants/:slug/offers`, as the controller declares it (without the API prefix). */
  route: string;
  method: string;
  /** `/tenants/:slug/offers` */
  path: string;
  /** The path requested, with the API prefix when the route is under it: `/api/v1/tenants/:slug/offers`. */
  url: string;
  /** `:name` parameters of the path, in order. */
  pathParams: string[];
  /** The class of `@Body()`; `null` when the route takes a body whose class cannot be read. */
  body?: Class | null;
  /** The class of `@Query()`; `null` when the route reads query parameters that no class describes. */
  query?: Class | null;
  handler: object;
  controller: Class;
}

export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as Class;
    const proto = Object.getPrototypeOf(wrapper.instance as object) as Record<string, object>;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return scanner.getAllMethodNames(proto).flatMap((name): DiscoveredRoute[] => {
      const handler = proto[name]!;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (own === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${[base, own]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const prefixed = !DEV_MAILBOX_PATHS.includes(path.slice(1));
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
        string,
        { index: number; data?: unknown }
      >;
      const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
      const route: DiscoveredRoute = {
        route: `${method} ${path}`,
        method: method!,
        path,
        url: prefixed ? `/${API_PREFIX}${path}` : path,
        pathParams: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        handler,
        controller,
      };
      for (const [key, arg] of Object.entries(args)) {
        const kind = Number(key.split(':')[0]);
        if (kind !== RouteParamtypes.BODY && kind !== RouteParamtypes.QUERY) continue;
        // A whole-object argument typed by a validated class; anything else cannot be enumerated.
        const type = types[arg.index];
        const dto = arg.data === undefined && isValidatedClass(type) ? type : null;
        if (kind === RouteParamtypes.BODY) route.body = dto;
        else route.query = dto;
      }
      return [route];
    });
  });
}

function isValidatedClass(type: unknown): type is Class {
  return typeof type === 'function' && validationMetadata(type as Class).length > 0;
}

const validationMetadata = (dto: Class) =>
  getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);

// class-transformer's own registry of @Type(): what it actually builds nested objects from.
const { defaultMetadataStorage: transformerMetadata } = createRequire(import.meta.url)(
  'class-transformer/cjs/storage.js',
) as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Class, property: string): { typeFunction: () => Class } | undefined;
  };
};

export interface DtoField {
  /** `places.0.address`: where the field sits in a body (a list's first item stands for all). */
  path: string;
  /** Names of the class-validator rules on the field (`isString`, `max`, `isIn`…). */
  rules: string[];
  /** The DTO class that declares the field and its property name, for messages. */
  owner: string;
}

/**
 * Every field a DTO accepts, nested DTOs included (`contact.email`, `places.0.address`). A nested
 * field whose class cannot be found is reported with the rule `unreadableNested`.
 */
export function dtoFields(dto: Class, prefix = ''): DtoField[] {
  const byProperty = new Map<string, { rules: string[]; nested: boolean; each: boolean }>();
  for (const m of validationMetadata(dto)) {
    const entry = byProperty.get(m.propertyName) ?? { rules: [], nested: false, each: false };
    if (m.type === 'nestedValidation') {
      entry.nested = true;
      entry.each ||= m.each === true;
    } else if (m.name) entry.rules.push(m.name);
    if (m.name === 'isArray') entry.each = true;
    byProperty.set(m.propertyName, entry);
  }
  return [...byProperty].flatMap(([property, { rules, nested, each }]) => {
    const path = `${prefix}${property}`;
    const own: DtoField = { path, rules, owner: `${dto.name}.${property}` };
    if (!nested) return [own];
    const type = transformerMetadata.findTypeMetadata(dto, property)?.typeFunction();
    if (!type) return [{ ...own, rules: [...rules, 'unreadableNested'] }];
    return [own, ...dtoFields(type, `${path}.${each ? '0.' : ''}`)];
  });
}
