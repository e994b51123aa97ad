using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Benchmarks.Support;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 4: the OAuth token provider's cached path (warmed once through a fake token endpoint): its cost, that it
/// allocates nothing, and how it holds up with 64 threads asking at once.
/// </summary>
[MemoryDiagnoser]
public class TokenProviderBenchmarks
{
    public const int Threads = 64;
    public const int LookupsPerThread = 10_000;

    private HttpClient _http = null!;
    private OAuthAccessTokenProvider _provider = null!;
    private ThreadGang _gang = null!;
    private Action<int> _lookups = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tokenBody = Encoding.UTF8.GetBytes($"{{\"refresh_token\":\"25.refresh\",\"expires_in\":2592000,\"session_key\":\"9mzdDZX\",\"access_token\":\"{Clients.AccessToken}\",\"scope\":\"public brain_all_scope\",\"session_secret\":\"2ca66d464545c77a4767f709873be4e5\"}}");
        _http = Clients.InMemory(tokenBody, "application/json");
        var settings = new TokenExchangeSettings(new Uri(QianfanOptions.DefaultBaseUrl), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));
        _provider = new OAuthAccessTokenProvider(_http, "bench-api-key", "bench-secret-key", settings, TimeProvider.System, NullLogger.Instance);
        if (_provider.GetAccessTokenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() != Clients.AccessToken)
        {
            throw new InvalidOperationException("The token provider did not take the fake endpoint's token.");
        }

        _gang = new ThreadGang(Threads);
        _lookups = _ => Lookups(_provider);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gang.Dispose();
        _http.Dispose();
    }

    [Benchmark(Description = "Cached lookup, 1 thread")]
    public string Cached() => Get(_provider);

    [Benchmark(OperationsPerInvoke = Threads * LookupsPerThread, Description = "Cached lookup, 64 threads at once")]
    public void Contended() => _gang.Run(_lookups);

    private static void Lookups(OAuthAccessTokenProvider provider)
    {
        for (var i = 0; i < LookupsPerThread; i++)
        {
            Get(provider);
        }
    }

    private static string Get(OAuthAccessTokenProvider provider)
    {
        var token = provider.GetAccessTokenAsync(CancellationToken.None);
        return token.IsCompletedSuccessfully ? token.Result : token.AsTask().GetAwaiter().GetResult();
    }
}
