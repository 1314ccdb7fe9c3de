import * as fs from 'fs';
import * as path from 'path';

const ENTRY_EXTENSIONS = ['.ts', '.js', '.mjs', '.mts', '.cts', '.cjs'];

/**
 * The file that called the constructor of the class named `className`: the file a user's
 * `new WellArchitectedNodejsFunction(this, 'Handler')` is written in.
 */
export function findDefiningFile(className: string): string | undefined {
  const originalPrepareStackTrace = Error.prepareStackTrace;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.prepareStackTrace = (_error, stack) => stack;
    sites = (new Error().stack as unknown as NodeJS.CallSite[] | undefined) ?? [];
  } finally {
    Error.prepareStackTrace = originalPrepareStackTrace;
  }
  const constructorIndex = sites.findIndex((site) => site.getFunctionName() === className);
  const caller = constructorIndex >= 0 ? sites[constructorIndex + 1] : undefined;
  return caller?.getFileName()?.replace(/^file:\/\//, '');
}

/**
 * The handler entry file next to `definingFile`, named `<defining file without extension>.<id><ext>`, as
 * `NodejsFunction` looks for it. Undefined when the defining file is unknown, which leaves the lookup
 * to `NodejsFunction`.
 */
export function findEntryNextTo(definingFile: string | undefined, id: string): string | undefined {
  if (!definingFile) {
    return undefined;
  }
  const base = definingFile.slice(0, definingFile.length - path.extname(definingFile).length);
  const candidates = ENTRY_EXTENSIONS.map((extension) => `${base}.${id}${extension}`);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      `Cannot find the handler of ${id}: none of ${candidates.join(', ')} exists. Create one of them, or set entry (or code and handler).`,
    );
  }
  return found;
}
