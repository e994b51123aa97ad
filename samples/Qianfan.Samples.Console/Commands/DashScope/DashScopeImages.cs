using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.Images;
using Qianfan.Sdk.DashScope.Tasks;

namespace Qianfan.Samples.Console.Commands.DashScope;

/// <summary>
/// <c>image --platform dashscope</c> and <c>task … --platform dashscope</c>: Wanx image synthesis, an asynchronous task.
/// <c>image</c> submits and waits as one operation and prints each image's URL; <c>task submit</c>, <c>get</c>,
/// <c>wait</c> and <c>cancel</c> are the steps apart. Progress (each state seen) goes to stderr, results to stdout.
/// </summary>
internal static class DashScopeImages
{
    /// <summary>The valued options of an image request (shared by <c>image</c> and <c>task submit</c>).</summary>
    public static readonly string[] RequestOptions = ["--model", "--size", "--n", "--style", "--seed", "--negative-prompt"];

    /// <summary>The valued options of a wait (<c>image</c>, <c>task wait</c>).</summary>
    public static readonly string[] WaitOptions = PollingArguments.Options;

    public const string Usage = """
        --platform dashscope (Wanx image synthesis, an asynchronous task):
          --model NAME            default wanx-v1
          --size W*H              written with '*', e.g. 1024*1024 (the default)
          --n N                   how many images, [1, 4] (default 4)
          --style STYLE           <auto>, <photography>, <portrait>, <3d cartoon>, <anime>,
                                  <oil painting>, <watercolor>, <sketch>, <chinese painting>,
                                  <flat illustration>
          --seed N                [0, 2^31 - 1]
          --negative-prompt TEXT  what not to draw
        """ + "\n" + PollingArguments.Usage;

    /// <summary><c>image --platform dashscope PROMPT</c>: submits, waits, prints the URLs.</summary>
    public static async Task<int> GenerateAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        PlatformOption.Reject(arguments, PlatformOption.DashScope, ["--api", "--out", "--quality", "--jwt"]);
        var request = Request(arguments);
        var polling = PollingArguments.From(arguments);
        await using var session = await DashScopeSession.OpenAsync(arguments.Flag("--verbose"), console, cancellationToken).ConfigureAwait(false);
        var task = await session.Client.Images.GenerateAsync(request, polling, Progress(console), cancellationToken).ConfigureAwait(false);
        await WriteResultsAsync(session, task, console).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary><c>task submit|get|wait|cancel --platform dashscope …</c>.</summary>
    public static async Task<int> TaskAsync(string step, CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        PlatformOption.Reject(arguments, PlatformOption.DashScope, ["--system", "--jwt"]);
        var operands = arguments.Positional.Skip(1).ToList();
        if (operands.Count != 1)
        {
            throw new CliUsageException(step == "submit" ? "task submit expects one PROMPT; quote a prompt that has spaces" : $"task {step} expects one TASK_ID");
        }

        if (step != "submit")
        {
            PlatformOption.Reject(arguments, PlatformOption.DashScope, RequestOptions);
        }

        if (step != "wait")
        {
            PlatformOption.Reject(arguments, PlatformOption.DashScope, WaitOptions);
        }

        var request = step == "submit" ? Request(arguments, operands[0]) : null;
        var polling = step == "wait" ? PollingArguments.From(arguments) : null;
        await using var session = await DashScopeSession.OpenAsync(arguments.Flag("--verbose"), console, cancellationToken).ConfigureAwait(false);
        if (session.IsEmulated && step != "submit")
        {
            await console.Error.WriteLineAsync("notice: the in-process emulator knows only the tasks of this run; set DASHSCOPE_API_KEY (and DASHSCOPE_HTTP_BASE_URL for a running emulator) to reach earlier ones").ConfigureAwait(false);
        }

        var tasks = session.Client.Tasks;
        switch (step)
        {
            case "submit":
                var submitted = await session.Client.Images.SubmitAsync(request!, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"task {submitted.TaskId}: {submitted.Output.TaskStatus}").ConfigureAwait(false);
                await console.Out.WriteLineAsync(submitted.TaskId).ConfigureAwait(false);
                return ExitCodes.Success;
            case "get":
                var task = await tasks.GetAsync(operands[0], cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(task.Output.TaskStatus ?? "UNKNOWN").ConfigureAwait(false);
                await WriteResultsAsync(session, task, console).ConfigureAwait(false);
                return ExitCodes.Success;
            case "wait":
                var ended = await tasks.WaitAsync(operands[0], polling, Progress(console), cancellationToken).ConfigureAwait(false);
                await WriteResultsAsync(session, ended.EnsureSucceeded(), console).ConfigureAwait(false);
                return ExitCodes.Success;
            default:
                await tasks.CancelAsync(operands[0], cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"task {operands[0]}: cancelled").ConfigureAwait(false);
                await console.Out.WriteLineAsync(operands[0]).ConfigureAwait(false);
                return ExitCodes.Success;
        }
    }

    private static ImageSynthesisRequest Request(CliArguments arguments, string? prompt = null)
    {
        if (prompt is null)
        {
            if (arguments.Positional.Count != 1)
            {
                throw new CliUsageException("expected one PROMPT; quote a prompt that has spaces");
            }

            prompt = arguments.Positional[0];
        }

        return new ImageSynthesisRequest(prompt, arguments.String("--model") ?? ImageSynthesisRequest.DefaultModel)
        {
            Size = arguments.String("--size"),
            N = arguments.Int("--n"),
            Style = arguments.String("--style"),
            Seed = arguments.Int("--seed"),
            NegativePrompt = arguments.String("--negative-prompt"),
        };
    }

    private static async Task WriteResultsAsync(PlatformSession<DashScopeClient> session, DashScopeTask task, CliConsole console)
    {
        foreach (var result in task.Results)
        {
            if (result.Url is { } url)
            {
                await console.Out.WriteLineAsync(url).ConfigureAwait(false);
            }
            else
            {
                await console.Error.WriteLineAsync($"warning: an image failed: {result.Code}: {result.Message}").ConfigureAwait(false);
            }
        }

        if (session.IsEmulated && task.Results.Count > 0)
        {
            await console.Error.WriteLineAsync("notice: the URLs point at the in-process emulator, which stops when this command ends").ConfigureAwait(false);
        }
    }

    /// <summary>Each state of the task on stderr as it is seen, once per change.</summary>
    private static TaskStateReporter<DashScopeTask> Progress(CliConsole console) => new(console, t => (t.TaskId, t.Output.TaskStatus));
}
