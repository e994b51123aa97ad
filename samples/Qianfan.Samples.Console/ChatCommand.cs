using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console;

/// <summary>
/// Runs <c>chat</c>: one-shot with a message, otherwise a conversation read line by line from stdin. stdout carries
/// only reply text; everything else goes to stderr.
/// </summary>
internal sealed class ChatCommand(ChatClient chat, CliOptions options, TextReader input, TextWriter output, TextWriter error)
{
    public const int Success = 0;
    public const int ServiceFailure = 1;
    public const int InvalidInput = 2;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var template = CreateTemplate();
        if (options.Message is { } message)
        {
            var conversation = new ChatConversation(chat, template);
            return await TurnAsync(conversation, message, cancellationToken).ConfigureAwait(false);
        }

        return await ConverseAsync(new ChatConversation(chat, template), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ConverseAsync(ChatConversation conversation, CancellationToken cancellationToken)
    {
        var exitCode = Success;
        while (true)
        {
            await error.WriteAsync("> ").ConfigureAwait(false);
            await error.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() == "exit")
            {
                return exitCode;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var result = await TurnAsync(conversation, line, cancellationToken).ConfigureAwait(false);
            if (exitCode == Success)
            {
                exitCode = result;
            }
        }
    }

    private async Task<int> TurnAsync(ChatConversation conversation, string message, CancellationToken cancellationToken)
    {
        try
        {
            var clearHistory = options.Stream
                ? await StreamTurnAsync(conversation, message, cancellationToken).ConfigureAwait(false)
                : await CompleteTurnAsync(conversation, message, cancellationToken).ConfigureAwait(false);
            if (clearHistory)
            {
                await error.WriteLineAsync("warning: the service judged the input unsafe (need_clear_history); the conversation history was cleared.").ConfigureAwait(false);
            }

            return Success;
        }
        catch (QianfanValidationException ex)
        {
            await error.WriteLineAsync($"invalid request: {ex.Message} (field: {ex.ParamName})").ConfigureAwait(false);
            return InvalidInput;
        }
        catch (QianfanAuthenticationException ex)
        {
            await error.WriteLineAsync($"error {ex.Error}: {ex.ErrorDescription}").ConfigureAwait(false);
            return ServiceFailure;
        }
        catch (QianfanException ex)
        {
            var code = ex.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (ex is QianfanStreamEndedException ? "stream" : "http");
            await error.WriteLineAsync($"error {code}: {ex.ErrorMessage}").ConfigureAwait(false);
            return ServiceFailure;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            await error.WriteLineAsync($"error network: {ex.Message}").ConfigureAwait(false);
            return ServiceFailure;
        }
    }

    private async Task<bool> CompleteTurnAsync(ChatConversation conversation, string message, CancellationToken cancellationToken)
    {
        var reply = await conversation.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(reply.Result).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return reply.NeedClearHistory;
    }

    private async Task<bool> StreamTurnAsync(ChatConversation conversation, string message, CancellationToken cancellationToken)
    {
        var clearHistory = false;
        var started = false;
        try
        {
            await foreach (var chunk in conversation.StreamAsync(message, cancellationToken).ConfigureAwait(false))
            {
                started = true;
                clearHistory |= chunk.NeedClearHistory;
                await output.WriteAsync(chunk.Result).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (started)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        return clearHistory;
    }

    private ChatRequest CreateTemplate()
    {
        var request = options.Endpoint is { } endpoint
            ? new ChatRequest(ModelSpec.ForCustomEndpoint(endpoint))
            : new ChatRequest(options.Model);
        request.System = options.System;
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.PenaltyScore = options.PenaltyScore;
        request.MaxOutputTokens = options.MaxOutputTokens;
        request.UserId = options.UserId;
        foreach (var stop in options.Stop)
        {
            request.Stop.Add(stop);
        }

        return request;
    }
}
