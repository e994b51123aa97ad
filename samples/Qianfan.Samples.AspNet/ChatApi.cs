using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Errors;

namespace Qianfan.Samples.AspNet;

/// <summary>One turn of the conversation the page keeps: <c>user</c> or <c>assistant</c>, and its text.</summary>
internal sealed record ChatTurn(string? Role, string? Text);

/// <summary>
/// What the browser sends: the conversation so far (<see cref="Messages"/>) and/or the new <see cref="Message"/>
/// (appended as the last user turn), the model, and optional instructions and sampling parameters.
/// </summary>
internal sealed record ChatInput(
    string? Message = null,
    IReadOnlyList<ChatTurn>? Messages = null,
    string? Model = null,
    string? System = null,
    float? Temperature = null,
    float? TopP = null,
    int? MaxOutputTokens = null)
{
    public List<ChatMessage> ToMessages()
    {
        var messages = new List<ChatMessage>();
        foreach (var turn in Messages ?? [])
        {
            messages.Add(new ChatMessage(turn.Role == "assistant" ? ChatRole.Assistant : ChatRole.User, turn.Text ?? ""));
        }

        if (Message is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, Message));
        }

        return messages;
    }

    public ChatOptions ToOptions() => new()
    {
        Instructions = System,
        Temperature = Temperature,
        TopP = TopP,
        MaxOutputTokens = MaxOutputTokens,
    };
}

/// <summary>Token counts as the page shows them.</summary>
internal sealed record ChatUsage(long? InputTokens, long? OutputTokens, long? TotalTokens)
{
    public static ChatUsage? From(UsageDetails? usage) => usage is null ? null : new(usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount);
}

/// <summary>The answer of <c>POST /api/chat</c>.</summary>
internal sealed record ChatReply(string Reply, string? Reasoning, string? Model, ChatUsage? Usage);

/// <summary>The data of a <c>message</c> (the answer) or <c>reasoning</c> (the thinking before it) event: the next piece.</summary>
internal sealed record StreamText(string Text);

/// <summary>The data of the final <c>done</c> event.</summary>
internal sealed record StreamDone(ChatUsage? Usage);

/// <summary>The data of an <c>error</c> event: the answer broke off after it had begun.</summary>
internal sealed record StreamError(object? ErrorCode, string Message);

internal static partial class ChatApi
{
    public static void MapChatApi(this IEndpointRouteBuilder app, IReadOnlyList<ChatModel> models)
    {
        app.MapGet("/api/models", () => TypedResults.Ok(models));
        var api = app.MapGroup("/api/chat");
        api.MapPost("/", CompleteAsync);
        api.MapPost("/stream", StreamAsync);
    }

    /// <summary>One-shot: the whole reply as JSON. SDK exceptions become problem details in <see cref="QianfanProblemHandler"/>.</summary>
    private static async Task<Results<Ok<ChatReply>, ValidationProblem>> CompleteAsync(ChatInput input, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Check(input, services) is { } problem)
        {
            return problem;
        }

        var response = await ChatFor(input, services).GetResponseAsync(input.ToMessages(), input.ToOptions(), cancellationToken);
        var reasoning = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
        return TypedResults.Ok(new ChatReply(response.Text, reasoning.Length > 0 ? reasoning : null, response.ModelId, ChatUsage.From(response.Usage)));
    }

    /// <summary>
    /// Streamed: <c>text/event-stream</c> with one <c>data: {"text":"…"}</c> event per piece of the answer (and
    /// <c>event: reasoning</c> per piece of a thinking model's reasoning), flushed as it arrives, then
    /// <c>event: done</c> with the usage (or <c>event: error</c> if the answer breaks off).
    /// </summary>
    private static async Task<IResult> StreamAsync(ChatInput input, IServiceProvider services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Check(input, services) is { } problem)
        {
            return problem;
        }

        // Waiting for the first update before answering lets a refused call (bad parameter, service error) still get
        // a proper HTTP status instead of a broken event stream.
        var updates = ChatFor(input, services).GetStreamingResponseAsync(input.ToMessages(), input.ToOptions(), cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool hasFirst;
        try
        {
            hasFirst = await updates.MoveNextAsync();
        }
        catch
        {
            await updates.DisposeAsync();
            throw;
        }

        var logger = loggers.CreateLogger(typeof(ChatApi).FullName!);
        return TypedResults.ServerSentEvents(RelayAsync(updates, hasFirst, logger, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<object>> RelayAsync(
        IAsyncEnumerator<ChatResponseUpdate> updates, bool hasCurrent, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (updates)
        {
            UsageDetails? usage = null;
            while (hasCurrent)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var content in updates.Current.Contents)
                {
                    switch (content)
                    {
                        case TextReasoningContent { Text.Length: > 0 } reasoning:
                            yield return new SseItem<object>(new StreamText(reasoning.Text), "reasoning");
                            break;
                        case TextContent { Text.Length: > 0 } text:
                            yield return new SseItem<object>(new StreamText(text.Text));
                            break;
                        case UsageContent used:
                            usage = used.Details;
                            break;
                    }
                }

                StreamError? error = null;
                try
                {
                    hasCurrent = await updates.MoveNextAsync();
                }
                catch (QianfanException ex)
                {
                    LogStreamFailed(logger, (object?)ex.ErrorCode ?? ex.ErrorName, ex.ErrorMessage);
                    error = new StreamError((object?)ex.ErrorCode ?? ex.ErrorName, ex.ErrorMessage);
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

            yield return new SseItem<object>(new StreamDone(ChatUsage.From(usage)), "done");
        }
    }

    private static IChatClient ChatFor(ChatInput input, IServiceProvider services) =>
        services.GetRequiredKeyedService<IChatClient>(string.IsNullOrWhiteSpace(input.Model) ? ChatModels.Default : input.Model);

    private static ValidationProblem? Check(ChatInput input, IServiceProvider services)
    {
        var last = input.Message ?? input.Messages?.LastOrDefault(t => t.Role != "assistant")?.Text;
        if (string.IsNullOrWhiteSpace(last))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["message"] = ["message must not be empty."] });
        }

        if (!string.IsNullOrWhiteSpace(input.Model) && services.GetKeyedService<IChatClient>(input.Model) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["model"] = [$"model '{input.Model}' is not one this app offers; GET /api/models lists them."] });
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The streamed answer broke off: Qianfan error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogStreamFailed(ILogger logger, object? errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The streamed answer broke off: the connection failed ({Error})")]
    private static partial void LogStreamBroken(ILogger logger, HttpRequestError error);
}
