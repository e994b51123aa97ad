namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// A task's progress on stderr as <c>task ID: STATE</c>, once per change, whatever the platform: the caller says how
/// to read the id and the state from what the SDK reports.
/// </summary>
internal sealed class TaskStateReporter<T>(CliConsole console, Func<T, (string? Id, string? State)> read) : IProgress<T>
{
    private string? _last;

    public void Report(T value)
    {
        var (id, state) = read(value);
        if (state != _last)
        {
            _last = state;
            console.Error.WriteLine($"task {id}: {state}");
        }
    }
}
