// An agent loop with tools over Qianfan, through Microsoft Agent Framework (Microsoft.Agents.AI): the SDK's
// IChatClient is all the framework needs. With no credentials set it runs against the offline emulator, which calls
// a tool whenever a question names one (see README.md, "When the emulator calls a tool").
//
//   dotnet run --project samples/Qianfan.Samples.Agent                         the scripted conversation below
//   dotnet run --project samples/Qianfan.Samples.Agent -- "上海天气怎么样?" …   your own questions, one turn each
//   --model NAME   a V2 model (ernie-4.5-turbo-128k by default); --v1 NAME   a V1 model with function calling (ERNIE-3.5-8K)

using System.ComponentModel;
using System.Text;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Qianfan.Sdk;
using Qianfan.Sdk.Emulator;

Console.OutputEncoding = Encoding.UTF8;

var model = "ernie-4.5-turbo-128k";
var v1 = false;
var questions = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--model" when i + 1 < args.Length:
            model = args[++i];
            break;
        case "--v1" when i + 1 < args.Length:
            model = args[++i];
            v1 = true;
            break;
        default:
            questions.Add(args[i]);
            break;
    }
}

if (questions.Count == 0)
{
    questions.AddRange(["北京的天气和时间", "谢谢，再见"]);
}

// Credentials from the QIANFAN_* variables; with none at all, the emulator in this process.
var credentials = QianfanCredentials.FromEnvironment();
var options = QianfanOptions.FromEnvironment();
await using var emulator = new[] { credentials.ApiKey, credentials.AccessToken, credentials.IamAccessKey, credentials.V2ApiKey }.All(string.IsNullOrEmpty)
    ? await QianfanEmulator.StartAsync(new QianfanEmulatorOptions())
    : null;
if (emulator is not null)
{
    credentials = new QianfanCredentials { ApiKey = emulator.ApiKey, SecretKey = emulator.SecretKey, V2ApiKey = emulator.V2ApiKey };
    options.BaseUrl = emulator.BaseUri;
    options.V2BaseUrl = emulator.BaseUri;
    Console.Error.WriteLine($"notice: no Qianfan credentials are set; using the offline Qianfan emulator at {emulator.BaseUrl}");
}

using var qianfan = new QianfanClient(credentials, options);
IChatClient chat = v1 ? qianfan.Chat.AsIChatClient(model) : qianfan.AsIChatClient(model);

// The agent runs the tool loop itself (it wraps the client in Microsoft.Extensions.AI's function invocation).
AIAgent agent = chat.AsAIAgent(
    instructions: "你是出行助手。回答天气和时间的问题时先调用工具。",
    name: "travel-assistant",
    tools:
    [
        AIFunctionFactory.Create(GetWeather, "get_weather", "查询城市的天气"),
        AIFunctionFactory.Create(GetTime, "get_time", "查询城市的当地时间"),
    ]);

// One session for the whole conversation: it keeps the history, tool calls and results included.
var session = await agent.CreateSessionAsync();
foreach (var question in questions)
{
    Console.WriteLine($"> {question}");
    await foreach (var update in agent.RunStreamingAsync(question, session))
    {
        Console.Write(update.Text);
    }

    Console.WriteLine();
}

static string GetWeather([Description("城市")] string city)
{
    var weather = "晴，25度";
    Console.WriteLine($"  [tool] get_weather(city: {city}) → {weather}");
    return weather;
}

static string GetTime()
{
    var time = "10:00";
    Console.WriteLine($"  [tool] get_time() → {time}");
    return time;
}
