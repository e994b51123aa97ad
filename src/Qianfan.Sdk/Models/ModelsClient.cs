using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Models;

/// <summary>
/// The live V2 catalog (<c>GET /v2/models</c>): what the account can call today, including models released after
/// this SDK. The list is cached for a while (<see cref="CacheDuration"/>), so asking often costs one request. Get
/// it from <see cref="QianfanClient.Models"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ModelsClient
{
    private readonly QianfanApi? _api;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly string _url = "";
    private readonly ILogger? _logger;
    private readonly Lock _gate = new();
    private Task<ModelList>? _cached;
    private DateTimeOffset _cachedUntil;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ModelsClient()
    {
    }

    internal ModelsClient(QianfanApi api, TimeProvider time)
    {
        _api = api;
        _time = time;
        _url = api.BaseUrl + "/v2/models";
        _logger = api.CreateLogger("Models");
    }

    /// <summary>How long a listing is reused before it is fetched again: 10 minutes.</summary>
    public static TimeSpan CacheDuration { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The models the account can call; from the cache unless it is older than <see cref="CacheDuration"/> or <paramref name="refresh"/> is set.</summary>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<ModelList> ListAsync(bool refresh = false, CancellationToken cancellationToken = default)
    {
        var api = _api ?? throw new InvalidOperationException("This ModelsClient was made for mocking and cannot send.");
        Task<ModelList> listing;
        lock (_gate)
        {
            if (refresh || _cached is null || _cached.IsFaulted || _cached.IsCanceled || _time.GetUtcNow() >= _cachedUntil)
            {
                // The shared request must not end with one caller's cancellation.
                _cached = api.Pipeline.SendAsync(new ApiCall(HttpMethod.Get, _url, null, "list_models", "v2/models", null, false, _logger!), ModelsJsonContext.Default.ModelList, CancellationToken.None);
                _cachedUntil = _time.GetUtcNow() + CacheDuration;
            }

            listing = _cached;
        }

        return listing.WaitAsync(cancellationToken);
    }

    /// <summary>Whether the account can call <paramref name="id"/> (case ignored), per the cached listing.</summary>
    public virtual async Task<bool> IsAvailableAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var list = await ListAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        return list.Data.Any(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));
    }
}
