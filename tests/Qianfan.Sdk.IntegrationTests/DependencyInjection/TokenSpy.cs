using System.Collections.Concurrent;
using System.Web;

namespace Qianfan.Sdk.IntegrationTests.DependencyInjection;

/// <summary>A handler added through AddQianfan's IHttpClientBuilder: counts requests and keeps the tokens sent.</summary>
internal sealed class TokenSpy : DelegatingHandler
{
    public ConcurrentBag<string> AccessTokens { get; } = [];

    public int Requests => _requests;

    private int _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (HttpUtility.ParseQueryString(request.RequestUri!.Query)["access_token"] is { } token)
        {
            AccessTokens.Add(token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
