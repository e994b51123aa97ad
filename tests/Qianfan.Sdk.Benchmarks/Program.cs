using BenchmarkDotNet.Running;
using Qianfan.Sdk.Benchmarks;
using Qianfan.Sdk.Benchmarks.Support;

// dotnet run -c Release --project tests/Qianfan.Sdk.Benchmarks -- --filter '*'            (all, short job)
// dotnet run -c Release --project tests/Qianfan.Sdk.Benchmarks -- --filter '*' --job dry  (smoke: each once)
// dotnet run -c Release --project tests/Qianfan.Sdk.Benchmarks -- --memory-check          (live heap while streaming)
// dotnet run -c Release --project tests/Qianfan.Sdk.Benchmarks -- --paired [SECTION]      (alternating A/B batches; streams, meai, embeddings, sync, redis, first-chunk)
// dotnet run -c Release --project tests/Qianfan.Sdk.Benchmarks -- --alloc-profile         (sync chat's bytes by type)
// dotnet run -c Release --project tests/Qianfan.Sdk.Benchmarks -- --redis-latency         (fleet limiter on loopback Redis)
if (args is ["--memory-check"])
{
    return await StreamingMemoryCheck.RunAsync();
}

if (args is ["--alloc-profile"])
{
    return await AllocationProfile.RunAsync();
}

if (args is ["--redis-latency"])
{
    return await RedisLatencyCheck.RunAsync();
}

if (args is ["--paired", ..] && args.Length <= 2)
{
    return await PairedComparison.RunAsync(args.Length == 2 ? args[1] : null);
}

// Without a --job the run uses BenchmarkDotNet's short job (3 warm-ups, 3 iterations): the full default job takes
// far longer on a 2-core machine. Pass --job default (or medium, long) for more.
var job = JobOf(args);
if (job is null)
{
    args = [.. args, "--job", "short"];
}

if (string.Equals(job, "dry", StringComparison.OrdinalIgnoreCase))
{
    // Smoke mode: every benchmark once, in this process. Building the out-of-process boilerplate (restore, then the
    // SDK and this project again without the shared compiler) alone takes 40 s to over two minutes on 2 cores.
    if (!args.Any(a => a is "--inProcess" or "-i"))
    {
        args = [.. args, "--inProcess"];
    }
}
else if (!args.Contains("--buildTimeout"))
{
    // That build exceeds BenchmarkDotNet's default two-minute limit here.
    args = [.. args, "--buildTimeout", "900"];
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

static string? JobOf(string[] args)
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] is "--job" or "-j")
        {
            return i + 1 < args.Length ? args[i + 1] : "";
        }

        if (args[i].StartsWith("--job=", StringComparison.Ordinal))
        {
            return args[i]["--job=".Length..];
        }
    }

    return null;
}
