import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CheckedResource } from '../checks/engine/resource';

/** Input the CLI cannot check. Its message is one line, printed without a stack trace (exit code 2). */
export class InputError extends Error {}

/** One CloudFormation template, ready for the rules. */
export interface LoadedTemplate {
  /** The stack name (cloud assembly) or the template's file name. */
  readonly name: string;
  /** The template file. */
  readonly file: string;
  /** Its resources, as the rules see them. */
  readonly resources: CheckedResource[];
  /** Acknowledgments by logical id (`'*'` for template-wide ones). */
  readonly acknowledgments: Map<string, TemplateAcknowledgment[]>;
}

/** An acknowledgment written into a template's metadata. */
export interface TemplateAcknowledgment {
  readonly id: string;
  readonly reason: string;
  /** Where it was written: the logical id of the resource, or `Metadata` for the template. */
  readonly location: string;
}

/** The metadata key under which plain templates acknowledge findings (like cfn_nag's `cfn_nag` key). */
export const ACK_METADATA_KEY = 'cdk-well-architected';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/**
 * Load every template a path names: a template file (JSON, or YAML with short-form intrinsics such as
 * `!Ref`, `!GetAtt`, `!Sub`), or a cloud assembly directory (`cdk.out`), including the stacks of its Stages
 * and its nested-stack templates.
 */
export function loadTemplates(inputPath: string): LoadedTemplate[] {
  if (!fs.existsSync(inputPath)) {
    throw new InputError(`${inputPath}: no such file or directory`);
  }
  if (fs.statSync(inputPath).isDirectory()) {
    return loadCloudAssembly(inputPath);
  }
  return [loadTemplateFile(inputPath, path.basename(inputPath))];
}

function loadCloudAssembly(dir: string): LoadedTemplate[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new InputError(
      `${dir}: a directory, but not a cloud assembly (no manifest.json); pass a template file or a cdk.out directory`,
    );
  }
  const manifest = parseJson(manifestFile);
  const templates: LoadedTemplate[] = [];
  const seenFiles = new Set<string>();
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    if (artifact?.type === 'aws:cloudformation:stack' && typeof artifact.properties?.templateFile === 'string') {
      const file = path.join(dir, artifact.properties.templateFile);
      const name = artifact.displayName ?? artifact.properties.stackName ?? path.basename(file);
      templates.push(loadTemplateFile(file, name, true));
      seenFiles.add(path.resolve(file));
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      templates.push(...loadCloudAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  for (const entry of fs.readdirSync(dir)) {
    const file = path.resolve(dir, entry);
    if (entry.endsWith('.nested.template.json') && !seenFiles.has(file)) {
      templates.push(loadTemplateFile(file, entry.replace(/\.nested\.template\.json$/, ''), true));
    }
  }
  return templates;
}

/** `fromAssembly`: CDK writes a stack without resources as a template without a Resources section. */
function loadTemplateFile(file: string, name: string, fromAssembly = false): LoadedTemplate {
  if (!fs.existsSync(file)) {
    throw new InputError(`${file}: no such file (named by the cloud assembly manifest)`);
  }
  const template = parseTemplateText(fs.readFileSync(file, 'utf-8'), file);
  const transforms = ([] as unknown[]).concat(template.Transform ?? []);
  if (transforms.includes(SAM_TRANSFORM)) {
    throw new InputError(
      `${file}: a SAM template (Transform: ${SAM_TRANSFORM}); check the processed template instead: ` +
        '`aws cloudformation get-template --stack-name <stack> --template-stage Processed`, or synthesize with CDK',
    );
  }
  const resourcesSection = template.Resources ?? (fromAssembly ? {} : undefined);
  if (resourcesSection === null || typeof resourcesSection !== 'object' || Array.isArray(resourcesSection)) {
    throw new InputError(`${file}: not a CloudFormation template (no Resources section)`);
  }

  const acknowledgments = new Map<string, TemplateAcknowledgment[]>();
  const templateAcks = readAcknowledgments(template.Metadata, 'Metadata', file);
  if (templateAcks.length > 0) {
    acknowledgments.set('*', templateAcks);
  }
  const resources: CheckedResource[] = [];
  for (const [logicalId, body] of expandForEach(Object.entries<any>(resourcesSection), file)) {
    if (body === null || typeof body !== 'object' || body.Type === undefined) {
      throw new InputError(`${file}: resource ${logicalId} has no Type`);
    }
    if (typeof body.Type !== 'string') {
      throw new InputError(
        `${file}: resource ${logicalId} has a Type that is not a string (a Rain module or a macro?); check the processed template instead`,
      );
    }
    const metadata = isObject(body.Metadata) ? body.Metadata : {};
    const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
    resources.push(
      new CheckedResource({
        logicalId,
        resourceType: body.Type,
        properties: isObject(body.Properties) ? body.Properties : {},
        metadata,
        condition: typeof body.Condition === 'string' ? body.Condition : undefined,
        constructPath: cdkPath ?? `${name}/${logicalId}`,
        stackName: name,
      }),
    );
    const acks = readAcknowledgments(metadata, logicalId, file);
    if (acks.length > 0) {
      acknowledgments.set(logicalId, acks);
    }
  }
  return { name, file, resources, acknowledgments };
}

const FOR_EACH_PREFIX = 'Fn::ForEach::';

/**
 * Expand the `Fn::ForEach::Loop: [Identifier, Collection, { OutputKey: Fragment }]` entries of a section
 * (transform `AWS::LanguageExtensions`) the way CloudFormation does: one copy of each fragment per item, with
 * `${Identifier}` and `&{Identifier}` (the item without non-alphanumerics) replaced in keys and strings and
 * `Ref: Identifier` replaced by the item. Loops nest. A collection known only at deploy time (a parameter, an
 * intrinsic) cannot be expanded here, so its resources are left out rather than checked with made-up names.
 */
function expandForEach(entries: [string, any][], file: string): [string, any][] {
  const expanded: [string, any][] = [];
  for (const [key, value] of entries) {
    if (!key.startsWith(FOR_EACH_PREFIX)) {
      expanded.push([key, value]);
      continue;
    }
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isObject(value[2])) {
      throw new InputError(`${file}: ${key} must be [Identifier, Collection, { OutputKey: OutputValue }]`);
    }
    const [identifier, collection, fragment] = value;
    if (!Array.isArray(collection) || !collection.every((item) => typeof item === 'string')) {
      continue;
    }
    for (const item of collection) {
      const replaced = replaceLoopIdentifier(fragment, identifier, item) as Record<string, any>;
      expanded.push(...expandForEach(Object.entries(replaced), file));
    }
  }
  return expanded;
}

function replaceLoopIdentifier(value: unknown, identifier: string, item: string): unknown {
  if (typeof value === 'string') {
    return value
      .split(`\${${identifier}}`)
      .join(item)
      .split(`&{${identifier}}`)
      .join(item.replace(/[^A-Za-z0-9]/g, ''));
  }
  if (Array.isArray(value)) {
    return value.map((v) => replaceLoopIdentifier(v, identifier, item));
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) {
      return item;
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        replaceLoopIdentifier(k, identifier, item) as string,
        replaceLoopIdentifier(v, identifier, item),
      ]),
    );
  }
  return value;
}

function readAcknowledgments(metadata: any, location: string, file: string): TemplateAcknowledgment[] {
  const section = isObject(metadata) ? metadata[ACK_METADATA_KEY] : undefined;
  if (section === undefined) {
    return [];
  }
  const list = isObject(section) ? section.acknowledgments : undefined;
  if (!Array.isArray(list)) {
    throw new InputError(
      `${file}: ${location} Metadata.${ACK_METADATA_KEY} must be { acknowledgments: [{ id, reason }, ...] }`,
    );
  }
  return list.map((entry, i) => {
    if (
      !isObject(entry) ||
      typeof entry.id !== 'string' ||
      typeof entry.reason !== 'string' ||
      entry.reason.trim() === ''
    ) {
      throw new InputError(
        `${file}: ${location} Metadata.${ACK_METADATA_KEY}.acknowledgments[${i}] needs an id and a non-empty reason`,
      );
    }
    return { id: entry.id, reason: entry.reason, location };
  });
}

/** Parse a template's text: JSON first, then YAML with CloudFormation's short-form intrinsic tags. */
export function parseTemplateText(text: string, file: string): any {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new InputError(`${file}: invalid JSON (${oneLine((e as Error).message)})`);
    }
  }
  let parsed: unknown;
  try {
    // logLevel 'error': a tag of a pre-processor (`!Rain::Embed`) stays a plain value instead of a warning on stderr.
    // merge: templates written for tools that expand YAML 1.1 merge keys (`<<: *defaults`) keep their meaning.
    parsed = YAML.parse(text, {
      customTags: CLOUDFORMATION_TAGS,
      maxAliasCount: 1000,
      merge: true,
      prettyErrors: false,
      logLevel: 'error',
    });
  } catch (e) {
    throw new InputError(`${file}: neither JSON nor valid YAML (${oneLine((e as Error).message)})`);
  }
  if (!isObject(parsed)) {
    throw new InputError(`${file}: not a CloudFormation template (the document is not a mapping)`);
  }
  return parsed;
}

function parseJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    throw new InputError(`${file}: invalid JSON (${oneLine((e as Error).message)})`);
  }
}

const INTRINSIC_FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'RefAll',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'ValueOf',
  'ValueOfAll',
];

/** `!GetAtt Resource.Attribute` is the scalar form of `Fn::GetAtt: [Resource, Attribute]`. */
function getAttArgument(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function intrinsicTags(): YAML.Tags {
  const tags: YAML.Tags = [
    { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
    { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  ];
  for (const name of INTRINSIC_FUNCTIONS) {
    const key = `Fn::${name}`;
    const argument = (value: unknown) => (name === 'GetAtt' ? getAttArgument(value) : value);
    tags.push(
      { tag: `!${name}`, resolve: (value: string) => ({ [key]: argument(value) }) },
      { tag: `!${name}`, collection: 'seq', resolve: (value: any) => ({ [key]: argument(value.toJSON()) }) },
      { tag: `!${name}`, collection: 'map', resolve: (value: any) => ({ [key]: value.toJSON() }) },
    );
  }
  return tags;
}

const CLOUDFORMATION_TAGS = intrinsicTags();

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}
