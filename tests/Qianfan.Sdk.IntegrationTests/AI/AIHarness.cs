using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>What the Microsoft.Extensions.AI tests share: a client for both APIs of an emulator, and the tools they offer.</summary>
internal static class AIHarness
{
    /// <summary>A V2 model that calls tools and does not think.</summary>
    public const string V2Model = "ernie-4.5-turbo-128k";

    /// <summary>A V2 thinking model.</summary>
    public const string ThinkingModel = "ernie-x1.1";

    /// <summary>A V1 model that takes functions, <c>response_format</c> and <c>stop</c>.</summary>
    public const string V1Model = "ERNIE-3.5-8K";

    public static Task<QianfanEmulator> StartEmulatorAsync() => QianfanEmulator.StartAsync(new QianfanEmulatorOptions(), CancellationToken.None);

    /// <summary>V1 and V2 credentials of <paramref name="emulator"/>, one attempt per call (the tests assert how one failure maps).</summary>
    public static QianfanClient Client(QianfanEmulator emulator) => new(
        new QianfanCredentials { ApiKey = emulator.ApiKey, SecretKey = emulator.SecretKey, V2ApiKey = emulator.V2ApiKey },
        new QianfanOptions { BaseUrl = emulator.BaseUri, V2BaseUrl = emulator.BaseUri, Retry = new RetryOptions { MaxRetries = 0 } });

    /// <summary>The emulator's built-in reply to <paramref name="message"/>.</summary>
    public static string Reply(string message) => $"这是千帆模拟器的回答。你说的是：{message}。祝你一切顺利！";

    public static List<RecordedRequest> V2Chats(this QianfanEmulator emulator) => [.. emulator.Requests.Where(r => r.IsV2Chat)];

    public static List<RecordedRequest> V1Chats(this QianfanEmulator emulator) => [.. emulator.Requests.Where(r => r.IsChat)];

    public static JsonElement Json(this RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    public static async Task<List<ChatResponseUpdate>> ToListAsync(this IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    /// <summary>Two tools a weather question and a time question name: the emulator calls both for "北京的天气和时间".</summary>
    public static (AIFunction Weather, AIFunction Time, List<string> Calls) WeatherAndTime()
    {
        var calls = new List<string>();
        var weather = AIFunctionFactory.Create(
            ([Description("城市")] string city) =>
            {
                lock (calls)
                {
                    calls.Add($"get_weather({city})");
                }

                return "晴，25度";
            },
            "get_weather",
            "查询城市的天气");
        var time = AIFunctionFactory.Create(
            () =>
            {
                lock (calls)
                {
                    calls.Add("get_time()");
                }

                return "10:00";
            },
            "get_time",
            "查询当地时间");
        return (weather, time, calls);
    }
}
