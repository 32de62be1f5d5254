import { describe, expect, it } from 'vitest';
import { DriverNotInstalledError, isDriverNotInstalled, type DriverPackage } from '../eventStore/errors.js';
import { requireDriver } from './requireDriver.js';

describe('requireDriver', () => {
  it('returns an installed driver', () => {
    const pg = requireDriver<{ Pool: unknown }>('pg');
    expect(typeof pg.Pool).toBe('function');
  });

  it('throws DriverNotInstalledError naming a package that is not installed', () => {
    const missing = '@ecoledger/no-such-driver' as DriverPackage;
    let thrown: unknown;
    try {
      requireDriver(missing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DriverNotInstalledError);
    expect(isDriverNotInstalled(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'driver_not_installed', packageName: missing });
    expect((thrown as Error).message).toContain(`npm install ${missing}`);
  });

  it('is not fooled by an error of another code', () => {
    expect(isDriverNotInstalled(new Error('driver_not_installed'))).toBe(false);
  });
});
