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
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.DependencyInjection;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Images;
using GlmMessage = Qianfan.Sdk.Zhipu.Chat.ChatMessage;
using GlmRequest = Qianfan.Sdk.Zhipu.Chat.ChatCompletionRequest;

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

// Zhipu: a sync reply with the key as a self-signed JWT, a stream, an asynchronous task's two steps, a CogView URL,
// a request refused before sending, then its registration bound from configuration.
var zhipuUrl = new Uri(baseUrl, "/api/paas/v4");
const string ZhipuKey = "emulator-zhipu-id.emulator-zhipu-secret";
using var zhipu = new ZhipuClient(new ZhipuCredentials { ApiKey = ZhipuKey }, new ZhipuOptions { BaseUrl = zhipuUrl, Authentication = ZhipuAuthentication.Jwt });
var glm = await zhipu.Chat.CompleteAsync(new GlmRequest("glm-4") { Messages = { GlmMessage.User("你好") } });
Console.WriteLine($"zhipu jwt: {glm.Content} | {glm.FinishReason}");
var glmStream = new StringBuilder();
await foreach (var chunk in zhipu.Chat.StreamAsync(new GlmRequest("glm-4") { Messages = { GlmMessage.User("你好") } }))
{
    glmStream.Append(chunk.ContentDelta);
}

Console.WriteLine($"zhipu stream: {glmStream}");
var glmTask = await zhipu.AsyncChat.SubmitAsync(new GlmRequest("glm-4") { Messages = { GlmMessage.User("你好") } });
var glmResult = await zhipu.AsyncChat.GetResultAsync(glmTask.Id);
Console.WriteLine($"zhipu task: {glmTask.TaskStatus} | {glmResult.TaskStatus}");
var cogView = await zhipu.Images.GenerateAsync(new ImageGenerationRequest("一只可爱的小猫咪", "cogview-3"));
Console.WriteLine($"zhipu image: {cogView.Url?.StartsWith(baseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)}");
try
{
    await zhipu.Chat.CompleteAsync(new GlmRequest("glm-4") { Messages = { GlmMessage.User("你好") }, Temperature = 1.5f });
    Console.WriteLine("zhipu error: none");
}
catch (ZhipuValidationException ex)
{
    Console.WriteLine($"zhipu error: {nameof(ZhipuValidationException)} {ex.ParamName}");
}

var zhipuConfiguration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Zhipu:ApiKey"] = ZhipuKey,
        ["Zhipu:BaseUrl"] = zhipuUrl.ToString(),
        ["Zhipu:Authentication"] = "Jwt",
    })
    .Build();
var zhipuServices = new ServiceCollection();
zhipuServices.AddZhipu(zhipuConfiguration.GetSection("Zhipu"));
await using var zhipuProvider = zhipuServices.BuildServiceProvider();
var glmInjected = await zhipuProvider.GetRequiredService<Qianfan.Sdk.Zhipu.Chat.ChatCompletionsClient>().CompleteAsync(new GlmRequest("glm-4") { Messages = { GlmMessage.User("你好") } });
Console.WriteLine($"zhipu di: {glmInjected.Content}");
return 0;
