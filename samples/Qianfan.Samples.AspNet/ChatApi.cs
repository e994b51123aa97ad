using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Samples.AspNet;

/// <summary>What the browser sends: the user's message and optional model and sampling parameters.</summary>
internal sealed record ChatInput(
    string? Message,
    string? Model = null,
    string? System = null,
    float? Temperature = null,
    float? TopP = null,
    float? PenaltyScore = null,
    int? MaxOutputTokens = null,
    string? UserId = null)
{
    public ChatRequest ToRequest()
    {
        var request = string.IsNullOrWhiteSpace(Model) ? new ChatRequest() : new ChatRequest(Model);
        request.Messages.Add(ChatMessage.User(Message ?? ""));
        request.System = System;
        request.Temperature = Temperature;
        request.TopP = TopP;
        request.PenaltyScore = PenaltyScore;
        request.MaxOutputTokens = MaxOutputTokens;
        request.UserId = UserId;
        return request;
    }
}

/// <summary>The answer of <c>POST /api/chat</c>.</summary>
internal sealed record ChatReply(string Reply, TokenUsage? Usage);

/// <summary>The data of a <c>message</c> event of <c>POST /api/chat/stream</c>: the next piece of the answer.</summary>
internal sealed record StreamText(string Text);

/// <summary>The data of the final <c>done</c> event.</summary>
internal sealed record StreamDone(TokenUsage? Usage);

/// <summary>The data of an <c>error</c> event: the answer broke off after it had begun.</summary>
internal sealed record StreamError(int? ErrorCode, string Message);

internal static partial class ChatApi
{
    public static void MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat");
        api.MapPost("/", CompleteAsync);
        api.MapPost("/stream", StreamAsync);
    }

    /// <summary>One-shot: the whole reply as JSON. SDK exceptions become problem details in <see cref="QianfanProblemHandler"/>.</summary>
    private static async Task<Results<Ok<ChatReply>, ValidationProblem>> CompleteAsync(ChatInput input, ChatClient chat, CancellationToken cancellationToken)
    {
        if (CheckMessage(input) is { } problem)
        {
            return problem;
        }

        var response = await chat.CompleteAsync(input.ToRequest(), cancellationToken);
        return TypedResults.Ok(new ChatReply(response.Result, response.Usage));
    }

    /// <summary>
    /// Streamed: <c>text/event-stream</c> with one <c>data: {"text":"…"}</c> event per piece, flushed as it arrives,
    /// then <c>event: done</c> (or <c>event: error</c> if the answer breaks off).
    /// </summary>
    private static async Task<IResult> StreamAsync(ChatInput input, ChatClient chat, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (CheckMessage(input) is { } problem)
        {
            return problem;
        }

        // StreamAsync validates at once; waiting for the first piece before answering lets a refused call
        // (bad parameter, service error) still get a proper HTTP status instead of a broken event stream.
        var chunks = chat.StreamAsync(input.ToRequest(), cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool hasFirst;
        try
        {
            hasFirst = await chunks.MoveNextAsync();
        }
        catch
        {
            await chunks.DisposeAsync();
            throw;
        }

        var logger = loggers.CreateLogger(typeof(ChatApi).FullName!);
        return TypedResults.ServerSentEvents(RelayAsync(chunks, hasFirst, logger, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<object>> RelayAsync(
        IAsyncEnumerator<ChatChunk> chunks, bool hasCurrent, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (chunks)
        {
            TokenUsage? usage = null;
            while (hasCurrent)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = chunks.Current;
                usage = chunk.Usage ?? usage;
                if (chunk.Result.Length > 0)
                {
                    yield return new SseItem<object>(new StreamText(chunk.Result));
                }

                StreamError? error = null;
                try
                {
                    hasCurrent = await chunks.MoveNextAsync();
                }
                catch (QianfanException ex)
                {
                    LogStreamFailed(logger, ex.ErrorCode, ex.ErrorMessage);
                    error = new StreamError(ex.ErrorCode, ex.ErrorMessage);
                }
                catch (HttpRequestException ex)
                {
                    LogStreamBroken(logger, ex.HttpRequestError);
                    error = new StreamError(null, "The connection to the Qianfan service broke off.");
                }
                catch (TimeoutException ex)
                {
                    LogStreamFailed(logger, null, ex.Message);
                    error = new StreamError(null, ex.Message);
                }

                if (error is not null)
                {
                    yield return new SseItem<object>(error, "error");
                    yield break;
                }
            }

            yield return new SseItem<object>(new StreamDone(usage), "done");
        }
    }

    private static ValidationProblem? CheckMessage(ChatInput input) =>
        string.IsNullOrWhiteSpace(input.Message)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["message"] = ["message must not be empty."] })
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The streamed answer broke off: Qianfan error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogStreamFailed(ILogger logger, int? errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The streamed answer broke off: the connection failed ({Error})")]
    private static partial void LogStreamBroken(ILogger logger, HttpRequestError error);
}
