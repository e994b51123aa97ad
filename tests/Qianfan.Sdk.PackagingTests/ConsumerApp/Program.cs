// Runs the SDK's main paths against the emulator at args[0] and prints one line per check; the packaging tests
// compare the lines. Exit code 0 when every check ran (the lines say what each saw).
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.DependencyInjection;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Errors;

Console.OutputEncoding = Encoding.UTF8;
var baseUrl = new Uri(args[0]);
var options = new QianfanOptions { BaseUrl = baseUrl, V2BaseUrl = baseUrl, IamBaseUrl = baseUrl };
options.Retry.MaxRetries = 0;
var credentials = new QianfanCredentials
{
    ApiKey = "emulator-api-key",
    SecretKey = "emulator-secret-key",
    V2ApiKey = "bce-v3/ALTAK-emulator/emulator-v2-secret",
};
using var client = new QianfanClient(credentials, options);
var request = new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User("你好") } };

var reply = await client.Chat.CompleteAsync(request);
Console.WriteLine($"sync: {reply.Result} | tokens {reply.Usage?.TotalTokens > 0} | request id {reply.RequestId is { Length: > 0 }}");

var streamed = new StringBuilder();
var chunks = 0;
await foreach (var chunk in client.Chat.StreamAsync(request))
{
    streamed.Append(chunk.Result);
    chunks++;
}

Console.WriteLine($"stream: {streamed} | chunks {chunks > 1}");

var v2Request = new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.User("你好") } };
var completion = await client.ChatCompletions.CompleteAsync(v2Request);
Console.WriteLine($"v2: {completion.Content} | finish {completion.FinishReason}");

var v2Streamed = new StringBuilder();
await foreach (var chunk in client.ChatCompletions.StreamAsync(v2Request))
{
    v2Streamed.Append(chunk.ContentDelta);
}

Console.WriteLine($"v2 stream: {v2Streamed}");

try
{
    using var wrongKeys = new QianfanClient(new QianfanCredentials { ApiKey = "wrong-key", SecretKey = "wrong-secret" }, options);
    await wrongKeys.Chat.CompleteAsync(request);
    Console.WriteLine("error: none");
}
catch (QianfanAuthenticationException ex)
{
    Console.WriteLine($"error: {nameof(QianfanAuthenticationException)} {ex.Error}");
}

try
{
    // Longer than the model takes: the service's 400 characters_too_long.
    await client.ChatCompletions.CompleteAsync(new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.User(new string('长', 100_000)) } });
    Console.WriteLine("v2 error: none");
}
catch (QianfanAuthenticationException ex)
{
    Console.WriteLine($"v2 error: {nameof(QianfanAuthenticationException)} {ex.Error} {ex.StatusCode}");
}
catch (QianfanException ex)
{
    Console.WriteLine($"v2 error: {nameof(QianfanException)} {ex.ErrorName} {ex.StatusCode}");
}

// Dependency injection with configuration binding (the binding source generator keeps it AOT-safe).
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Qianfan:ApiKey"] = "emulator-api-key",
        ["Qianfan:SecretKey"] = "emulator-secret-key",
        ["Qianfan:BaseUrl"] = baseUrl.ToString(),
        ["Qianfan:Retry:MaxRetries"] = "0",
    })
    .Build();
var services = new ServiceCollection();
services.AddQianfan(configuration.GetSection("Qianfan"));
await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<ChatClient>();
var injected = await chat.CompleteAsync(request);
Console.WriteLine($"di: {injected.Result}");

// DashScope: both input forms and a stream, then its registration bound from configuration.
var dashScopeUrl = new Uri(baseUrl, "/api/v1");
using var dashScope = new DashScopeClient(new DashScopeCredentials { ApiKey = "sk-emulator-dashscope" }, new DashScopeOptions { BaseUrl = dashScopeUrl });
var qwen = await dashScope.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Messages = { GenerationMessage.User("你好") }, ResultFormat = GenerationResultFormat.Message });
Console.WriteLine($"dashscope: {qwen.Text} | {qwen.ResultFormat}");
var qwenStream = new StringBuilder();
await foreach (var chunk in dashScope.Generation.StreamAsync(new GenerationRequest("qwen-turbo") { Prompt = "你好" }))
{
    qwenStream.Append(chunk.Delta);
}

Console.WriteLine($"dashscope stream: {qwenStream}");
var dashScopeConfiguration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["DashScope:ApiKey"] = "sk-emulator-dashscope",
        ["DashScope:BaseUrl"] = dashScopeUrl.ToString(),
        ["DashScope:Region"] = "International",
    })
    .Build();
var dashScopeServices = new ServiceCollection();
dashScopeServices.AddDashScope(dashScopeConfiguration.GetSection("DashScope"));
await using var dashScopeProvider = dashScopeServices.BuildServiceProvider();
var qwenInjected = await dashScopeProvider.GetRequiredService<GenerationClient>().CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "你好" });
Console.WriteLine($"dashscope di: {qwenInjected.Text} | {qwenInjected.ResultFormat}");
return 0;
