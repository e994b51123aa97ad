using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Zhipu.Chat;

namespace Qianfan.Samples.Console.Commands.Zhipu;

/// <summary>
/// <c>task … --platform zhipu</c>: Zhipu's asynchronous chat, step by step. <c>submit MESSAGE</c> prints the task's
/// id; <c>get</c> prints its state (and the reply once it is <c>SUCCESS</c>); <c>wait</c> polls until it ends and prints
/// the reply, or fails with exit 1 on <c>FAIL</c>. The service cannot cancel a task: <c>cancel</c> says so (exit 2).
/// </summary>
internal static class ZhipuTasks
{
    /// <summary>The valued options of a submission beyond <c>--model</c>.</summary>
    public static readonly string[] RequestOptions = ["--system"];

    public const string Usage = """
        --platform zhipu (asynchronous GLM chat):
          --model NAME            default glm-4
          --system TEXT           the persona
          --jwt                   send the key as a self-signed JWT
          --interval, --timeout   as above
          (a task cannot be cancelled: the service has no such call)
        """;

    /// <summary>DashScope's submission options, which do not apply here.</summary>
    private static readonly string[] Foreign = ["--size", "--n", "--style", "--seed", "--negative-prompt"];

    public static async Task<int> TaskAsync(string step, CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        PlatformOption.Reject(arguments, PlatformOption.Zhipu, Foreign);
        if (step == "cancel")
        {
            throw new CliUsageException("Zhipu's asynchronous chat tasks cannot be cancelled: the service has no cancel call, a task runs to its end");
        }

        var operands = arguments.Positional.Skip(1).ToList();
        if (operands.Count != 1)
        {
            throw new CliUsageException(step == "submit" ? "task submit expects one MESSAGE; quote a message that has spaces" : $"task {step} expects one TASK_ID");
        }

        if (step != "submit")
        {
            PlatformOption.Reject(arguments, PlatformOption.Zhipu, ["--model", .. RequestOptions]);
        }

        if (step != "wait")
        {
            PlatformOption.Reject(arguments, PlatformOption.Zhipu, PollingArguments.Options);
        }

        var polling = step == "wait" ? PollingArguments.From(arguments) : null;
        await using var session = await ZhipuSession.OpenAsync(arguments, console, cancellationToken).ConfigureAwait(false);
        if (session.IsEmulated && step != "submit")
        {
            await console.Error.WriteLineAsync("notice: the in-process emulator knows only the tasks of this run; set ZHIPUAI_API_KEY (and ZHIPUAI_BASE_URL for a running emulator) to reach earlier ones").ConfigureAwait(false);
        }

        var client = session.Client.AsyncChat;
        switch (step)
        {
            case "submit":
                var request = ZhipuChat.Template(arguments);
                request.Messages.Add(ChatMessage.User(operands[0]));
                var task = await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"task {task.Id}: {task.TaskStatus}").ConfigureAwait(false);
                await console.Out.WriteLineAsync(task.Id).ConfigureAwait(false);
                return ExitCodes.Success;
            case "get":
                var result = await client.GetResultAsync(operands[0], cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(result.TaskStatus ?? "").ConfigureAwait(false);
                if (result.IsSucceeded)
                {
                    await console.Out.WriteLineAsync(result.Content).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            default:
                var ended = await client.WaitAsync(operands[0], new TaskStateReporter<AsyncChatResult>(console, r => (r.Id ?? operands[0], r.TaskStatus)), polling, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(ended.Content).ConfigureAwait(false);
                return ExitCodes.Success;
        }
    }
}
