namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// Reads a child process's output line by line on a thread of its own. On Linux, reading a pipe "asynchronously"
/// (Process.BeginOutputReadLine, Stream.ReadAsync) blocks a thread-pool thread per pipe for the child's whole life;
/// with a handful of children that starved this process's thread pool, which stalled the in-process emulator by up to
/// 860 ms and bunched the requests it read.
/// </summary>
internal static class LineReader
{
    public static Thread Start(TextReader reader, Action<string> line, string name)
    {
        var thread = new Thread(() =>
        {
            try
            {
                for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
                {
                    line(text);
                }
            }
            catch (IOException)
            {
                // The child went away.
            }
            catch (ObjectDisposedException)
            {
                // The process object was disposed.
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }
}
