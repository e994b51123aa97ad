using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Redis.LoadApp;

// qianfan-redis-load --emulator URL --redis CONFIG --api-key K --secret-key S --instance NAME
//                    [--callers 16] [--seconds 65] [--qps 10] [--rpm 120] [--tpm 0] [--margin-ms 50] [--warmup URL]
// With --warmup it first makes one call to a second emulator at URL with a client of its own (no Redis, no limits),
// so the measured calls' first requests are not late by compiling the send path. Prints "ready" once the client is made, waits for a line on stdin (the start signal, so every instance starts
// together), runs the callers until the time is up, and prints one JSON line: what succeeded, failed and why.
var arguments = LoadArguments.Parse(args);
var warnings = new WarningCounter();
var services = new ServiceCollection();
services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings));
var qianfan = services.AddQianfan(
    c =>
    {
        c.ApiKey = arguments.ApiKey;
        c.SecretKey = arguments.SecretKey;
    },
    o =>
    {
        o.BaseUrl = new Uri(arguments.EmulatorUrl);
        o.RateLimits.QueriesPerSecond = arguments.Qps;
        o.RateLimits.RequestsPerMinute = arguments.Rpm;
        o.RateLimits.TokensPerMinute = arguments.Tpm;
        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(100);
    });
qianfan.HttpClient.ConfigureHttpClient(http => http.DefaultRequestHeaders.Add("X-Test-Instance", arguments.Instance));
qianfan.HttpClient.AddHttpMessageHandler(() => new SentAtHandler());
qianfan.UseRedis(arguments.Redis, redis => redis.WindowMargin = TimeSpan.FromMilliseconds(arguments.MarginMs));

if (arguments.WarmupUrl is { } warmupUrl)
{
    services.AddQianfan("warmup", c => (c.ApiKey, c.SecretKey) = (arguments.ApiKey, arguments.SecretKey), o => o.BaseUrl = new Uri(warmupUrl));
}

await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<ChatClient>();
if (arguments.WarmupUrl is not null)
{
    await provider.GetRequiredKeyedService<ChatClient>("warmup").CompleteAsync(new ChatRequest { Messages = { ChatMessage.User("预热") } });
}

Console.WriteLine("ready");
await Console.In.ReadLineAsync();

using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(arguments.Seconds));
var succeeded = 0;
var cancelled = 0;
long tokens = 0;
var failures = new List<string>();
var callers = Enumerable.Range(0, arguments.Callers).Select(i => Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            var reply = await chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User($"你好 {arguments.Instance}/{i}") } }, stop.Token);
            Interlocked.Increment(ref succeeded);
            Interlocked.Add(ref tokens, reply.Usage?.TotalTokens ?? 0);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref cancelled);
        }
#pragma warning disable CA1031 // every failure is reported, none ends the run
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (failures)
            {
                failures.Add($"{ex.GetType().Name}: {ex.Message}");
            }
        }
    }
})).ToArray();
await Task.WhenAll(callers);

Console.WriteLine(JsonSerializer.Serialize(new LoadSummary(arguments.Instance, succeeded, failures.Count, cancelled, tokens, warnings.Count, [.. failures.Distinct().Take(10)]), LoadJson.Default.LoadSummary));
return 0;
