import { functionOutlivesIntegration, invokesAsynchronously } from '../../src/service-defaults/apigateway';

describe('the Lambda-timeout predicate shared by the API constructs and the rules', () => {
  test('a function timeout equal to the integration timeout outlives it; one second less does not', () => {
    expect(functionOutlivesIntegration(29, 29_000)).toBe(true);
    expect(functionOutlivesIntegration(28, 29_000)).toBe(false);
    expect(functionOutlivesIntegration(30, 29_000)).toBe(true);
  });

  test("only a static 'Event' X-Amz-Invocation-Type makes an integration asynchronous; a token is unknown", () => {
    expect(invokesAsynchronously(undefined)).toBe(false);
    expect(invokesAsynchronously({ 'integration.request.header.X-Amz-Invocation-Type': "'Event'" })).toBe(true);
    expect(invokesAsynchronously({ 'integration.request.header.x-amz-invocation-type': "'Event'" })).toBe(true);
    expect(invokesAsynchronously({ 'integration.request.header.X-Amz-Invocation-Type': "'RequestResponse'" })).toBe(
      false,
    );
    // A header mapped from the method request: the caller may ask for a synchronous call, so the timeout matters.
    expect(
      invokesAsynchronously({
        'integration.request.header.X-Amz-Invocation-Type': 'method.request.header.InvocationType',
      }),
    ).toBe(false);
    expect(invokesAsynchronously({ 'integration.request.header.X-Amz-Invocation-Type': { Ref: 'Mode' } })).toBe(
      undefined,
    );
    expect(invokesAsynchronously({ Ref: 'Params' })).toBe(undefined);
  });
});
