using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Zhipu.Authentication;

/// <summary>
/// A self-signed JWT (<see cref="ZhipuJwt"/>) as <c>Authorization: Bearer {token}</c>: minted on the client's clock,
/// cached, and minted anew a margin before it expires (one caller mints while the others wait), so no call ever sends
/// a token in its last moments. When the service still answers 1002 (invalid) or 1003 (expired) — a clock that jumped,
/// a token it dropped — the token is forgotten, a new one minted and the call repeated once.
/// </summary>
internal sealed class JwtAuthorizer : IRequestAuthorizer
{
    private readonly SingleFlightTokenCache _cache;

    public JwtAuthorizer(string apiKey, TimeSpan lifetime, TimeSpan refreshMargin, TimeProvider time, ILogger logger)
    {
        _cache = new SingleFlightTokenCache(
            () =>
            {
                var now = time.GetUtcNow();
                return Task.FromResult(new IssuedToken(ZhipuJwt.Create(apiKey, now, lifetime), now + lifetime));
            },
            refreshMargin,
            time,
            logger);
    }

    public async ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        var token = await _cache.GetAsync(cancellationToken).ConfigureAwait(false);
        request.RequestUri = new Uri(url);    // per request: every task has a URL of its own
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    public bool IsRejected(Exception error) =>
        error is ZhipuException { ErrorCode: ZhipuErrorCodes.TokenInvalid or ZhipuErrorCodes.TokenExpired };

    public Exception? Reject(string token, Exception error)
    {
        _cache.Invalidate(token);
        return null;
    }
}
