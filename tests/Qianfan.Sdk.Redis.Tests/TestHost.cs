using System.Runtime.CompilerServices;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// The test process's own settings. The emulator reads requests on this process's thread pool, and the timing tests
/// measure when it read them: with threads allowed up front, a burst of requests never waits for the pool to grow
/// (measured: stalls of up to 860 ms without, about 100–140 ms with).
/// </summary>
internal static class TestHost
{
#pragma warning disable CA2255 // a test assembly's process-wide setting, made before any test runs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completions, 32));
    }
}
