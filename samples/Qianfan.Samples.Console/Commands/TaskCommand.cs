using Qianfan.Samples.Console.Cli;
using Qianfan.Samples.Console.Commands.DashScope;
using Qianfan.Samples.Console.Commands.Zhipu;

namespace Qianfan.Samples.Console.Commands;

/// <summary>
/// <c>task</c>: a platform's asynchronous tasks step by step — <c>submit</c>, <c>get</c>, <c>wait</c>, <c>cancel</c> —
/// each platform's in its own file. Qianfan has none; <c>--platform dashscope</c> is Wanx image synthesis,
/// <c>--platform zhipu</c> asynchronous GLM chat (which the service cannot cancel).
/// </summary>
internal sealed class TaskCommand : ICliCommand
{
    private static readonly string[] Steps = ["submit", "get", "wait", "cancel"];

    public string Name => "task";

    public string Summary => "asynchronous tasks step by step: submit, get, wait, cancel (--platform dashscope|zhipu)";

    public IReadOnlyCollection<string> Flags => ["--verbose", "--jwt"];

    public IReadOnlyCollection<string> Options => [PlatformOption.Name, .. DashScopeImages.RequestOptions, .. DashScopeImages.WaitOptions, .. ZhipuTasks.RequestOptions];

    public string Usage => $"""
        usage: {CommandName.Tool} task submit --platform dashscope [options] PROMPT   prints the task's id
               {CommandName.Tool} task get --platform dashscope TASK_ID               prints its state (and URLs)
               {CommandName.Tool} task wait --platform dashscope [--interval S] [--timeout S] TASK_ID
                                                                          polls until it ends, prints the URLs
               {CommandName.Tool} task cancel --platform dashscope TASK_ID            cancels it while PENDING
               {CommandName.Tool} task submit|get|wait --platform zhipu [options] MESSAGE|TASK_ID
                                                                          asynchronous GLM chat: the id, the
                                                                          state, the reply
           or, from a clone of the repository: {CommandName.FromSource} task ...

        Each state seen goes to stderr as 'task ID: STATE'; stdout carries the id, the state or the URLs.
        A task that fails, is cancelled or unknown ends 'wait' with exit code 1.

        {DashScopeImages.Usage}

        {ZhipuTasks.Usage}
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {DashScopeSession.Environment}

        {ZhipuSession.Environment}
        """;

    public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var step = arguments.Positional.Count > 0 ? arguments.Positional[0] : throw new CliUsageException($"missing step: expected one of {string.Join(", ", Steps)}");
        if (!Steps.Contains(step, StringComparer.Ordinal))
        {
            throw new CliUsageException($"unknown step '{step}': expected one of {string.Join(", ", Steps)}");
        }

        return PlatformOption.From(arguments, fallback: "") switch
        {
            PlatformOption.DashScope => DashScopeImages.TaskAsync(step, arguments, console, cancellationToken),
            PlatformOption.Zhipu => ZhipuTasks.TaskAsync(step, arguments, console, cancellationToken),
            PlatformOption.Qianfan => throw new CliUsageException("Qianfan has no asynchronous tasks; use --platform dashscope or zhipu"),
            _ => throw new CliUsageException("task needs --platform: dashscope or zhipu"),
        };
    }
}
