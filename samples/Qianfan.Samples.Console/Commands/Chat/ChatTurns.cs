using Qianfan.Samples.Console.Cli;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>
/// Runs turns of a chat session: prints each reply (whole or as it streams) on stdout, the model's reasoning (as
/// <c>thinking: …</c>) and the pages it cites (as <c>[n] title url</c>) on stderr, and reports each failed turn.
/// </summary>
internal sealed class ChatTurns(IChatSession session, bool stream, CliConsole console)
{
    /// <summary>Reads one message per line until EOF or <c>exit</c>; returns the first failure's exit code, else success.</summary>
    public async Task<int> ConverseAsync(CancellationToken cancellationToken)
    {
        var exitCode = ExitCodes.Success;
        while (true)
        {
            await console.Error.WriteAsync("> ").ConfigureAwait(false);
            await console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() == "exit")
            {
                return exitCode;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var result = await TakeAsync(line, cancellationToken).ConfigureAwait(false);
            if (exitCode == ExitCodes.Success)
            {
                exitCode = result;
            }
        }
    }

    /// <summary>One turn. A failure of the turn is reported here; a setup mistake (missing credentials) ends the run.</summary>
    public async Task<int> TakeAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            var clearHistory = stream
                ? await StreamAsync(message, cancellationToken).ConfigureAwait(false)
                : await CompleteAsync(message, cancellationToken).ConfigureAwait(false);
            if (clearHistory)
            {
                await console.Error.WriteLineAsync("warning: the service judged the input unsafe (need_clear_history); the conversation history was cleared.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (!CliErrors.EndsTheRun(ex) && !cancellationToken.IsCancellationRequested)
        {
            return await CliErrors.ReportAsync(ex, console, "chat").ConfigureAwait(false);
        }
    }

    private async Task<bool> CompleteAsync(string message, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (reply.Reasoning.Length > 0)
        {
            await console.Error.WriteLineAsync("thinking: " + reply.Reasoning).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(reply.Text).ConfigureAwait(false);
        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        await WriteSourcesAsync(reply.Sources).ConfigureAwait(false);
        return reply.ClearHistory;
    }

    private async Task<bool> StreamAsync(string message, CancellationToken cancellationToken)
    {
        var clearHistory = false;
        var started = false;
        var thinking = false;
        var sources = new List<Qianfan.Sdk.Chat.ChatSearchResult>();
        try
        {
            await foreach (var piece in session.StreamAsync(message, cancellationToken).ConfigureAwait(false))
            {
                started = true;
                clearHistory |= piece.ClearHistory;
                sources.AddRange(piece.Sources);
                if (piece.Reasoning.Length > 0)
                {
                    await console.Error.WriteAsync(thinking ? piece.Reasoning : "thinking: " + piece.Reasoning).ConfigureAwait(false);
                    await console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
                    thinking = true;
                }

                if (piece.Text.Length == 0)
                {
                    continue;
                }

                if (thinking)
                {
                    await console.Error.WriteLineAsync().ConfigureAwait(false);
                    thinking = false;
                }

                await console.Out.WriteAsync(piece.Text).ConfigureAwait(false);
                await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (thinking)
            {
                await console.Error.WriteLineAsync().ConfigureAwait(false);
            }

            if (started)
            {
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await WriteSourcesAsync(sources).ConfigureAwait(false);
        return clearHistory;
    }

    /// <summary>The pages a reply cites, on stderr: <c>[1] title url</c>, once each.</summary>
    private async Task WriteSourcesAsync(IEnumerable<Qianfan.Sdk.Chat.ChatSearchResult> sources)
    {
        foreach (var source in sources.DistinctBy(s => (s.Index, s.Url)))
        {
            await console.Error.WriteLineAsync($"[{source.Index}] {source.Title} {source.Url}").ConfigureAwait(false);
        }
    }
}
