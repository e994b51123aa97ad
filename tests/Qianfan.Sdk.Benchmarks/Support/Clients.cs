using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using OpenAI;
using Qianfan.Sdk.Chat;
using OpenAIChat = OpenAI.Chat;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>The clients under test, wired to a given handler or server, and the one way each of them reads a reply.</summary>
public static class Clients
{
    public const string Model = "ERNIE-Speed-8K";
    public const string Endpoint = "ernie_speed";
    public const string AccessToken = "24.6c5e1ff107f0e8bcef8c46d3424a0e78.2592000.1735004345.282335-44923183";
    public const string Question = "1加1为什么等于2?";

    /// <summary>
    /// The SDK over <paramref name="http"/>, or over its own HttpClient when null, with a ready access token (so
    /// cached: no exchange).
    /// </summary>
    public static QianfanClient Sdk(HttpClient? http, Uri? baseUrl = null) =>
        new(new QianfanCredentials { AccessToken = AccessToken }, new QianfanOptions { BaseUrl = baseUrl ?? new Uri(QianfanOptions.DefaultBaseUrl) }, http);

    /// <summary>An HttpClient over an in-memory answer of <paramref name="body"/>.</summary>
    public static HttpClient InMemory(byte[] body, string mediaType = "text/event-stream") =>
        new(new InMemoryHandler(body, mediaType)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>An HttpClient for loopback, set up as the SDK sets up its own.</summary>
    public static HttpClient Loopback() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The URL a hand-written client posts to, token included (built once).</summary>
    public static Uri ChatUrl(Uri baseUrl) =>
        new(string.Concat(baseUrl.AbsoluteUri.TrimEnd('/'), Corpus.ChatPath, Endpoint, "?access_token=", Uri.EscapeDataString(AccessToken)));

    /// <summary>The one-question request every chat benchmark sends.</summary>
    public static ChatRequest QuestionRequest() => new(Model) { Messages = { ChatMessage.User(Question) }, Temperature = 0.8f };

    /// <summary>The same request as the hand-written clients' DTO.</summary>
    public static V1RequestBody RawQuestion(bool stream) => new() { Messages = [new V1Message("user", Question)], Temperature = 0.8f, Stream = stream ? true : null };

    /// <summary>The OpenAI SDK over <paramref name="http"/>.</summary>
    public static OpenAIChat.ChatClient OpenAI(HttpClient http) =>
        new("gpt-4o-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) });

    /// <summary>Streams through the SDK's public path; returns the characters of text received.</summary>
    public static async Task<int> SdkStreamAsync(QianfanClient client, ChatRequest request)
    {
        var characters = 0;
        await foreach (var chunk in client.Chat.StreamAsync(request).ConfigureAwait(false))
        {
            characters += chunk.Result.Length;
        }

        return characters;
    }

    /// <summary>
    /// The hand-written floor: post, read the event stream with <see cref="SseParser"/> and deserialize each event
    /// straight from its bytes with a source-generated context, stopping at <c>is_end</c>.
    /// </summary>
    public static async Task<int> HandWrittenStreamAsync(HttpClient http, Uri url)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(RawQuestion(stream: true), BaselineJsonContext.Default.V1RequestBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            var characters = 0;
            var parser = SseParser.Create(content, static (_, data) => JsonSerializer.Deserialize(data, BaselineJsonContext.Default.V1Chunk)!);
            await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
            {
                characters += item.Data.Result.Length;
                if (item.Data.IsEnd)
                {
                    break;
                }
            }

            return characters;
        }
    }

    /// <summary>Streams an OpenAI-format answer through the OpenAI .NET SDK; returns the characters of text received.</summary>
    public static async Task<int> OpenAIStreamAsync(OpenAIChat.ChatClient client, IEnumerable<OpenAIChat.ChatMessage> messages)
    {
        var characters = 0;
        await foreach (var update in client.CompleteChatStreamingAsync(messages).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                characters += part.Text.Length;
            }
        }

        return characters;
    }
}
