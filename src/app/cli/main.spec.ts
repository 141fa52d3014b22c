import { INTERNAL_ERROR_EXIT, main } from './main';

// The database commands load on demand; here they crash, as a bug would.
jest.mock('./database-commands', () => ({
  importFile: () => Promise.reject(new TypeError('a bug')),
}));

describe('the CLI process', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
    jest.restoreAllMocks();
  });

  it('exits 70 on an internal error, so a gate never reads a crash as a regression (1)', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    main(['import', 'case.yaml']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.exitCode).toBe(INTERNAL_ERROR_EXIT);
    expect(logged).toHaveBeenCalledWith(new TypeError('a bug'));
  });
});
