import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { parseJsonObject, setJsonValue } from './json-edit.js';

/** The project's package.json: its text (edited in place, formatting kept) and what it says. */
export class PackageJson {
  private text: string;

  private constructor(
    readonly file: string,
    private readonly original: string,
  ) {
    this.text = original;
  }

  static read(dir: string): PackageJson {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) {
      throw new UserFacingError(`There is no package.json in ${dir}. husky runs from the "prepare" script of the package.json at the repository root; create one (npm init -y) and run gatekeeper install again.`);
    }
    const pkg = new PackageJson(file, readFileSync(file, 'utf8'));
    pkg.data();
    return pkg;
  }

  data(): Record<string, unknown> {
    const data = parseJsonObject(this.text);
    if (!data) throw new UserFacingError(`${this.file} is not a JSON object, so Gatekeeper will not edit it. Fix it and run gatekeeper install again.`);
    return data;
  }

  section(name: string): Record<string, string> | undefined {
    const value = this.data()[name];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : undefined;
  }

  set(at: string[], value: unknown): void {
    this.text = setJsonValue(this.text, at, value);
  }

  /** Written once, atomically, after every edit is made; not at all when nothing changed. */
  save(): void {
    if (this.text !== this.original) writeFileAtomic(this.file, this.text);
  }
}
