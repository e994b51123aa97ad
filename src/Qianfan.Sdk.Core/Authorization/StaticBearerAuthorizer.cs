using System.Net.Http.Headers;

namespace Qianfan.Sdk.Core.Authorization;

/// <summary>
/// A key sent as <c>Authorization: Bearer {key}</c> as it is: no signing and nothing to renew, so a rejected key fails
/// the call at once. The URL is parsed per request: task URLs differ per task, so caching them would grow without bound.
/// </summary>
/// <param name="key">The key; never shown.</param>
/// <param name="description">What <see cref="ToString"/> says instead of the key, e.g. "Bearer (the DashScope API key)".</param>
internal sealed class StaticBearerAuthorizer(string key, string description) : IRequestAuthorizer
{
    private readonly AuthenticationHeaderValue _header = new("Bearer", key);

    public ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(url);
        request.Headers.Authorization = _header;

        // No token to renew: the pipeline then never repeats a call the service refused.
        return new ValueTask<string?>((string?)null);
    }

    public bool IsRejected(Exception error) => false;

    public Exception? Reject(string token, Exception error) => error;

    /// <summary>Never the key.</summary>
    public override string ToString() => description;
}
