/**
 * Makes `target[key]` a value made by `make` the first time it is read, then
 * kept as a plain property: for the parts of a large object that most readers
 * never touch (facts restored from a snapshot build their rows on demand).
 */
export function builtWhenRead<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
  });
}
