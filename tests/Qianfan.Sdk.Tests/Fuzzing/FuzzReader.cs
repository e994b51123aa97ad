using System.Text;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// Runs one body through the SDK's real readers (V1 and V2, sync and streamed, the whole client pipeline) and
/// reports what came out; a read that does not end within a generous real-time bound fails the test as a hang.
/// </summary>
internal sealed class FuzzReader : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private readonly FuzzHandler _handler = new();
    private readonly HttpClient _http;
    private readonly QianfanClient _client;

    public FuzzReader()
    {
        _http = new HttpClient(_handler);
        _client = new QianfanClient(
            new QianfanCredentials { AccessToken = "fuzz-token", V2ApiKey = "bce-v3/ALTAK-fuzz/fuzz" },
            new QianfanOptions
            {
                BaseUrl = new Uri("https://aip.fuzz.test"),
                V2BaseUrl = new Uri("https://qianfan.fuzz.test"),
                Retry = new RetryOptions { MaxRetries = 0 },
            },
            _http);
    }

    /// <summary>Whether <paramref name="error"/> is one of the exception types the SDK documents.</summary>
    public static bool IsDocumented(Exception error) =>
        error is QianfanException or HttpRequestException or TimeoutException or OperationCanceledException or ArgumentException;

    /// <param name="kind">Which reader.</param>
    /// <param name="body">What the service answers.</param>
    /// <param name="reads">How many bytes each read of the connection hands out, in turn.</param>
    /// <param name="context">What a failure names.</param>
    /// <param name="asJson">Whether a stream request is answered with a JSON body, as the service reports an error at stream start.</param>
    public async Task<ReaderOutcome> ReadAsync(ReaderKind kind, byte[] body, int[] reads, string context, bool asJson = false)
    {
        _handler.Answer(body, kind is ReaderKind.V1Stream or ReaderKind.V2Stream && !asJson, reads);
        var read = kind switch
        {
            ReaderKind.V1Sync => ReadV1Async(),
            ReaderKind.V1Stream => ReadV1StreamAsync(),
            ReaderKind.V2Sync => ReadV2Async(),
            _ => ReadV2StreamAsync(),
        };

        var finished = await Task.WhenAny(read, Task.Delay(HangGuard));
        Assert.True(finished == read, $"the {kind} reader hung on {context}");
        return await read;
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        _handler.Dispose();
    }

    private async Task<ReaderOutcome> ReadV1Async()
    {
        try
        {
            var reply = await _client.Chat.CompleteAsync(V1Ask());
            return new ReaderOutcome(reply.Result, null, null, null);
        }
#pragma warning disable CA1031 // Every exception is the outcome under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReaderOutcome(null, null, null, ex);
        }
    }

    private async Task<ReaderOutcome> ReadV1StreamAsync()
    {
        var text = new StringBuilder();
        try
        {
            await foreach (var chunk in _client.Chat.StreamAsync(V1Ask()))
            {
                text.Append(chunk.Result);
            }

            return new ReaderOutcome(text.ToString(), null, null, null);
        }
#pragma warning disable CA1031 // Every exception is the outcome under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReaderOutcome(text.ToString(), null, null, ex);
        }
    }

    private async Task<ReaderOutcome> ReadV2Async()
    {
        try
        {
            var reply = await _client.ChatCompletions.CompleteAsync(V2Ask());
            return new ReaderOutcome(reply.Content, reply.ReasoningContent ?? "", Arguments(reply), null);
        }
#pragma warning disable CA1031 // Every exception is the outcome under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReaderOutcome(null, null, null, ex);
        }
    }

    private async Task<ReaderOutcome> ReadV2StreamAsync()
    {
        var deltas = new StringBuilder();
        var accumulator = new ChatCompletionAccumulator();
        try
        {
            await foreach (var chunk in _client.ChatCompletions.StreamAsync(V2Ask()))
            {
                deltas.Append(chunk.ContentDelta);
                accumulator.Append(chunk);
            }

            var reply = accumulator.ToCompletion();
            return new ReaderOutcome(reply.Content, reply.ReasoningContent ?? "", Arguments(reply), null, deltas.ToString());
        }
#pragma warning disable CA1031 // Every exception is the outcome under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReaderOutcome(deltas.ToString(), null, null, ex);
        }
    }

    private static string Arguments(ChatCompletion reply) => string.Concat(reply.ToolCalls.Select(c => c.Function?.Arguments));

    private static ChatRequest V1Ask() => new("ERNIE-Speed-8K") { Messages = { ChatMessage.User("fuzz") } };

    private static ChatCompletionRequest V2Ask() => new("ernie-x1.1") { Messages = { ChatMessage.User("fuzz") } };
}
