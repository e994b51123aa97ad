using Qianfan.Sdk;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console;

/// <summary>
/// Runs <c>chat</c>: one-shot with a message, otherwise a conversation read line by line from stdin. stdout carries
/// only reply text; everything else goes to stderr.
/// </summary>
internal sealed class ChatCommand(QianfanClient client, CliOptions options, TextReader input, TextWriter output, TextWriter error)
{
    public const int Success = 0;
    public const int ServiceFailure = 1;
    public const int InvalidInput = 2;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        IChatSession session = options.Api == "v2"
            ? new V2ChatSession(client.ChatCompletions, options)
            : new V1ChatSession(new ChatConversation(client.Chat, CreateTemplate()));
        try
        {
            if (options.Message is { } message)
            {
                return await TurnAsync(session, message, cancellationToken).ConfigureAwait(false);
            }

            return await ConverseAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (QianfanAuthenticationException ex) when (IsMissingCredentials(ex))
        {
            // The chosen API has no credentials (say QIANFAN_API_KEY alone for V1): a setup mistake like a half-given
            // pair, reported the same way, once, naming the variables it needs. Nothing was sent.
            await error.WriteLineAsync($"error: {ex.ErrorDescription}").ConfigureAwait(false);
            return InvalidInput;
        }
    }

    /// <summary>The SDK's error for a call to an API the credentials do not cover; its message names what to set.</summary>
    private static bool IsMissingCredentials(Exception ex) => ex is QianfanAuthenticationException { Error: "missing_credentials" };

    private async Task<int> ConverseAsync(IChatSession conversation, CancellationToken cancellationToken)
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

    private async Task<int> TurnAsync(IChatSession conversation, string message, CancellationToken cancellationToken)
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
        catch (QianfanAuthenticationException ex) when (!IsMissingCredentials(ex))
        {
            await error.WriteLineAsync($"error {ex.Error}: {ex.ErrorDescription}").ConfigureAwait(false);
            return ServiceFailure;
        }
        catch (QianfanException ex) when (!IsMissingCredentials(ex))
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

    private async Task<bool> CompleteTurnAsync(IChatSession conversation, string message, CancellationToken cancellationToken)
    {
        var (reply, clearHistory) = await conversation.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(reply).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return clearHistory;
    }

    private async Task<bool> StreamTurnAsync(IChatSession conversation, string message, CancellationToken cancellationToken)
    {
        var clearHistory = false;
        var started = false;
        try
        {
            await foreach (var (text, clear) in conversation.StreamAsync(message, cancellationToken).ConfigureAwait(false))
            {
                started = true;
                clearHistory |= clear;
                await output.WriteAsync(text).ConfigureAwait(false);
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
            : new ChatRequest(options.Model ?? ModelCatalog.DefaultModel);
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
