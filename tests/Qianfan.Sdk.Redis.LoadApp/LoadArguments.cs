using System.Globalization;

namespace Qianfan.Sdk.Redis.LoadApp;

/// <summary>The command line of one load instance.</summary>
internal sealed record LoadArguments(string EmulatorUrl, string Redis, string ApiKey, string SecretKey, string Instance, int Callers, int Seconds, int Qps, int Rpm, int Tpm, int MarginMs, string? WarmupUrl)
{
    public static LoadArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Text(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new LoadArguments(
            Text("--emulator"),
            Text("--redis"),
            Text("--api-key"),
            Text("--secret-key"),
            Text("--instance"),
            Number("--callers", 16),
            Number("--seconds", 65),
            Number("--qps", 10),
            Number("--rpm", 120),
            Number("--tpm", 0),
            Number("--margin-ms", 50),
            values.GetValueOrDefault("--warmup"));
    }
}
