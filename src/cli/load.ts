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
  /** The template's `Outputs` section. */
  readonly outputs?: any;
  /**
   * The templates checked together as one app-wide view: those of one cloud assembly (an App, or a Stage inside it),
   * or the template files given on one command line.
   */
  readonly unit: string;
  /** For a nested stack of a cloud assembly: the name of its parent template and its resource there. */
  readonly parent?: { readonly name: string; readonly logicalId: string };
  /** Resources not checked, with the reason (a resource a transform expands at deploy time). */
  readonly skipped: SkippedResource[];
}

/** A resource of a template the rules did not check, and why. */
export interface SkippedResource {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly constructPath: string;
  readonly reason: string;
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
  return [loadTemplateFile(inputPath, { name: path.basename(inputPath), unit: 'files' })];
}

/** Where a template of a cloud assembly sits: its name, its assembly, its construct paths, its parent. */
interface AssemblyPlacement {
  readonly name: string;
  readonly unit: string;
  readonly fromAssembly?: boolean;
  /** Construct path (without the leading `/`) by logical id, from the assembly's metadata. */
  readonly constructPaths?: Map<string, string>;
  readonly parent?: { readonly name: string; readonly logicalId: string };
}

/** One stack artifact's templates (its own and its nested stacks'), by construct path, from its metadata. */
interface StackMetadata {
  /** Template file by the construct path of its stack (`/Service`, `/Service/Alarms`). */
  readonly templates: Map<string, string>;
  /** Every `[construct path, logical id]` the metadata records. */
  readonly logicalIds: Array<[string, string]>;
}

function readStackMetadata(dir: string, artifact: any): StackMetadata {
  const entries: Record<string, any[]> = { ...(artifact.metadata ?? {}) };
  if (typeof artifact.additionalMetadataFile === 'string') {
    const file = path.join(dir, artifact.additionalMetadataFile);
    if (fs.existsSync(file)) {
      Object.assign(entries, parseJson(file));
    }
  }
  const templates = new Map<string, string>();
  const logicalIds: Array<[string, string]> = [];
  for (const [constructPath, list] of Object.entries(entries)) {
    for (const entry of Array.isArray(list) ? list : []) {
      if (entry?.type === 'aws:cdk:templateFile' && typeof entry.data === 'string') {
        templates.set(constructPath, entry.data);
      } else if (entry?.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
        logicalIds.push([constructPath, entry.data]);
      }
    }
  }
  return { templates, logicalIds };
}

/**
 * The templates of one stack artifact: its own and those of its nested stacks, each named as the checks aspect
 * names it (the stack's CloudFormation name; a nested stack `<parent>/<path in parent>`), with the construct path of
 * each resource and the link from a nested stack to its resource in the parent.
 */
function loadStackArtifact(dir: string, artifactId: string, artifact: any, unit: string): LoadedTemplate[] {
  const templateFile: string = artifact.properties.templateFile;
  const stackName: string = artifact.properties.stackName ?? artifactId;
  const metadata = readStackMetadata(dir, artifact);
  const stackPaths = [...metadata.templates.keys()];
  const ownPath = stackPaths.find((p) => metadata.templates.get(p) === templateFile);
  if (ownPath === undefined) {
    return [loadTemplateFile(path.join(dir, templateFile), { name: stackName, unit, fromAssembly: true })];
  }
  // The stack a construct path belongs to: the deepest stack path above it.
  const owner = (constructPath: string): string | undefined =>
    stackPaths.filter((p) => constructPath.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
  const constructPaths = new Map<string, Map<string, string>>();
  for (const [constructPath, logicalId] of metadata.logicalIds) {
    const stackPath = owner(constructPath);
    if (stackPath !== undefined) {
      const paths = constructPaths.get(stackPath) ?? new Map<string, string>();
      paths.set(logicalId, constructPath.slice(1));
      constructPaths.set(stackPath, paths);
    }
  }
  const names = new Map<string, string>([[ownPath, stackName]]);
  const nameOf = (stackPath: string): string => {
    let name = names.get(stackPath);
    if (name === undefined) {
      const parentPath = owner(stackPath) ?? ownPath;
      name = `${nameOf(parentPath)}${stackPath.slice(parentPath.length)}`;
      names.set(stackPath, name);
    }
    return name;
  };
  return stackPaths
    .filter((p) => p === ownPath || p.startsWith(`${ownPath}/`))
    .map((stackPath) => {
      let parent: { name: string; logicalId: string } | undefined;
      if (stackPath !== ownPath) {
        const parentPath = owner(stackPath) ?? ownPath;
        const id = stackPath.slice(stackPath.lastIndexOf('/') + 1);
        const resourcePath = `${stackPath.slice(0, stackPath.lastIndexOf('/'))}/${id}.NestedStack/${id}.NestedStackResource`;
        const logicalId = metadata.logicalIds.find(([p]) => p === resourcePath)?.[1];
        parent = logicalId === undefined ? undefined : { name: nameOf(parentPath), logicalId };
      }
      return loadTemplateFile(path.join(dir, metadata.templates.get(stackPath)!), {
        name: nameOf(stackPath),
        unit,
        fromAssembly: true,
        constructPaths: constructPaths.get(stackPath),
        parent,
      });
    });
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
  const unit = path.resolve(dir);
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact?.type === 'aws:cloudformation:stack' && typeof artifact.properties?.templateFile === 'string') {
      templates.push(...loadStackArtifact(dir, artifactId, artifact, unit));
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      templates.push(...loadCloudAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  const seenFiles = new Set(templates.map((t) => path.resolve(t.file)));
  for (const entry of fs.readdirSync(dir)) {
    const file = path.resolve(dir, entry);
    if (entry.endsWith('.nested.template.json') && !seenFiles.has(file)) {
      templates.push(
        loadTemplateFile(file, { name: entry.replace(/\.nested\.template\.json$/, ''), unit, fromAssembly: true }),
      );
    }
  }
  return templates;
}

/** `fromAssembly`: CDK writes a stack without resources as a template without a Resources section. */
function loadTemplateFile(file: string, placement: AssemblyPlacement): LoadedTemplate {
  const { name, fromAssembly } = placement;
  if (!fs.existsSync(file)) {
    throw new InputError(`${file}: no such file (named by the cloud assembly manifest)`);
  }
  const template = parseTemplateText(fs.readFileSync(file, 'utf-8'), file);
  const transforms = ([] as unknown[]).concat(template.Transform ?? []);
  // aws-cdk-lib adds the SAM transform to a stack for `addRotationSingleUser()`: its plain resources are checked,
  // and the `AWS::Serverless::*` ones, which the transform expands at deploy time, are listed as skipped.
  const sam = transforms.includes(SAM_TRANSFORM);
  if (sam && !fromAssembly) {
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
  const skipped: SkippedResource[] = [];
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
    const cdkPath =
      placement.constructPaths?.get(logicalId) ??
      (typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined);
    if (sam && body.Type.startsWith('AWS::Serverless::')) {
      skipped.push({
        logicalId,
        resourceType: body.Type,
        constructPath: cdkPath ?? `${name}/${logicalId}`,
        reason: `the ${SAM_TRANSFORM} transform expands it at deploy time; check the processed template for what it becomes`,
      });
      continue;
    }
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
  return {
    name,
    file,
    resources,
    acknowledgments,
    outputs: isObject(template.Outputs) ? template.Outputs : undefined,
    unit: placement.unit,
    parent: placement.parent,
    skipped,
  };
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
