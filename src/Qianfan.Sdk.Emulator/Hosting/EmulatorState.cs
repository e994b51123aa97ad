using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Emulator.OAuth;
using Qianfan.Sdk.Emulator.RateLimiting;
using Qianfan.Sdk.Emulator.Recording;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>Everything one emulator instance knows, shared by its endpoints: a snapshot of the options plus live state.</summary>
internal sealed class EmulatorState : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public EmulatorState(QianfanEmulatorOptions options)
    {
        ApiKey = options.ApiKey;
        SecretKey = options.SecretKey;
        IamAccessKey = options.IamAccessKey;
        IamSecretKey = options.IamSecretKey;
        TimeProvider = options.TimeProvider;
        ReplyFactory = options.ReplyFactory;
        ToolCallTrigger = string.IsNullOrEmpty(options.ToolCallTrigger) ? null : options.ToolCallTrigger;
        RequestsPerMinute = options.RequestsPerMinute;
        TokensPerMinute = options.TokensPerMinute;
        Logger = (ILogger?)options.LoggerFactory?.CreateLogger("Qianfan.Sdk.Emulator") ?? NullLogger.Instance;
        Tokens = new TokenStore(options.TimeProvider, options.TokenLifetime);
        Scenarios = new EmulatorScenarios(Tokens);
        Quota = new QuotaTracker(options.TimeProvider);
        Endpoints = BuildEndpointTable(options.CustomEndpoints);
    }

    public string ApiKey { get; }

    public string SecretKey { get; }

    public string IamAccessKey { get; }

    public string IamSecretKey { get; }

    public TimeProvider TimeProvider { get; }

    public Func<ChatReplyContext, string>? ReplyFactory { get; }

    /// <summary>The trigger phrase of the tool rule (V1 functions and V2 tools); null when triggers are off.</summary>
    public string? ToolCallTrigger { get; }

    public int RequestsPerMinute { get; }

    public int TokensPerMinute { get; }

    public ILogger Logger { get; }

    public TokenStore Tokens { get; }

    public EmulatorScenarios Scenarios { get; }

    public QuotaTracker Quota { get; }

    public RequestLog Log { get; } = new();

    /// <summary>Every endpoint served: the catalog's, then the custom ones (which win on a clash).</summary>
    public FrozenDictionary<string, ModelSpec> Endpoints { get; }

    /// <summary>Cancelled when the emulator stops, so delayed and held answers end at once.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public QuotaLimits CurrentLimits() =>
        new(RequestsPerMinute, TokensPerMinute, Scenarios.QpsLimit, Scenarios.RpmLimit, Scenarios.TpmLimit);

    public void Stop()
    {
        _stopping.Cancel();
        Scenarios.ReleaseHolds();
    }

    public void Dispose() => _stopping.Dispose();

    private static FrozenDictionary<string, ModelSpec> BuildEndpointTable(IEnumerable<ModelSpec> custom)
    {
        var table = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        foreach (var spec in ModelCatalog.All)
        {
            table.TryAdd(spec.Endpoint, spec);
        }

        foreach (var spec in custom)
        {
            ArgumentNullException.ThrowIfNull(spec);
            table[spec.Endpoint] = spec;
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
