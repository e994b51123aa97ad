using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>
/// Debian's headless Chromium, driven over the Chrome DevTools Protocol through a plain WebSocket. It is started with a
/// fresh profile in a temporary folder and <c>--remote-debugging-port=0</c>; the port it chose is read from the
/// <c>DevToolsActivePort</c> file it writes there. Disposing kills it and deletes the profile.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly Lazy<Task> Installation = new(InstallAsync);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _profile;
    private readonly StringBuilder _log = new();
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>What Chromium wrote to stdout and stderr, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts Chromium; installs Debian's package first when it is missing and this is a root Debian machine (so a
    /// plain <c>dotnet test</c> works on a fresh one); fails the test (never skips it) when it still is not there.
    /// </summary>
    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            await Installation.Value;
        }

        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Chromium was not found at {ExecutablePath}; the browser tests need it. Install it with "
                + "'apt-get install -y chromium' (.ci/run does so when it is missing).");
        }

        var profile = Directory.CreateTempSubdirectory("qianfan-chromium-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--mute-audio", "--window-size=1000,700",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start");
        var browser = new Chromium(process, profile);
        process.OutputDataReceived += (_, e) => browser.Append(e.Data);
        process.ErrorDataReceived += (_, e) => browser.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await browser.WaitForDevToolsAsync(TimeSpan.FromSeconds(30));
            await browser._socket.ConnectAsync(endpoint, CancellationToken.None);
            browser._receiving = browser.ReceiveAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a new tab and attaches to it.</summary>
    public async Task<ChromiumPage> NewPageAsync()
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await SendAsync("Target.attachToTarget", new JsonObject
        {
            ["targetId"] = target.GetProperty("targetId").GetString(),
            ["flatten"] = true,
        });
        var page = new ChromiumPage(this, attached.GetProperty("sessionId").GetString()!);
        await page.SendAsync("Page.enable");
        await page.SendAsync("Runtime.enable");
        return page;
    }

    /// <summary>Sends one DevTools command (to a page when <paramref name="sessionId"/> is given) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            return await reply.Task.WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"Chromium did not answer {method} within {CommandTimeout.TotalSeconds} s; its log:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            // Let it close its tabs and helper processes itself first; it may drop the connection before answering.
            try
            {
                await SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or WebSocketException)
            {
                // Killed below.
            }
        }

        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }

        _socket.Dispose();
        await _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
        for (var attempt = 0; attempt < 5 && Directory.Exists(_profile); attempt++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task<Uri> WaitForDevToolsAsync(TimeSpan timeout)
    {
        var file = Path.Combine(_profile, "DevToolsActivePort");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before it opened DevTools; its log:\n{Log}");
            }

            if (File.Exists(file))
            {
                // Line 1: the port; line 2: the browser's WebSocket path. The file may still be being written.
                var lines = (await File.ReadAllTextAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (lines.Length >= 2 && int.TryParse(lines[0], out var port))
                {
                    return new Uri($"ws://127.0.0.1:{port}{lines[1]}");
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Chromium did not write {file} within {timeout.TotalSeconds} s; its log:\n{Log}");
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using (var document = JsonDocument.Parse(message.GetBuffer().AsMemory(0, (int)message.Length)))
                {
                    var root = document.RootElement;
                    if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                    {
                        if (root.TryGetProperty("error", out var error))
                        {
                            reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                        }
                        else
                        {
                            reply.TrySetResult(root.GetProperty("result").Clone());
                        }
                    }
                }

                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closing down.
        }
        finally
        {
            foreach (var reply in _pending.Values)
            {
                reply.TrySetException(new InvalidOperationException($"the DevTools connection closed; Chromium's log:\n{Log}"));
            }
        }
    }

    private static async Task InstallAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var install = Process.Start(start)!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await install.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, errors);
    }
}

/// <summary>One tab: navigate, evaluate JavaScript, type, click, take a screenshot — as a person would.</summary>
internal sealed class ChromiumPage(Chromium browser, string sessionId)
{
    public Task<JsonElement> SendAsync(string method, JsonObject? parameters = null) => browser.SendAsync(method, parameters, sessionId);

    /// <summary>Loads <paramref name="url"/> and waits until the document and its scripts have loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        if (result.TryGetProperty("errorText", out var error))
        {
            Assert.Fail($"navigating to {url} failed: {error}");
        }

        await WaitUntilAsync("document.readyState === 'complete'", TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates a JavaScript expression in the page (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"'{expression}' threw in the page: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    public async Task<string> TextOfAsync(string selector) =>
        (await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)}).textContent")).GetString() ?? "";

    public async Task WaitUntilAsync(string condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while ((await EvaluateAsync($"!!({condition})")).ValueKind != JsonValueKind.True)
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"the page never met '{condition}' within {timeout.TotalSeconds} s");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Focuses the field (as a click would) and types <paramref name="text"/> into it through the input pipeline.</summary>
    public async Task TypeAsync(string selector, string text)
    {
        await EvaluateAsync($"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); e.focus(); e.select(); }})()");
        await SendAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Chooses <paramref name="value"/> in a select element, as picking it from the list does (a change event).</summary>
    public async Task SelectAsync(string selector, string value)
    {
        var chosen = await EvaluateAsync(
            $"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); e.value = {JsonSerializer.Serialize(value)}; e.dispatchEvent(new Event('change', {{ bubbles: true }})); return e.value; }})()");
        Assert.Equal(value, chosen.GetString());
    }

    /// <summary>Clicks the middle of the element with real mouse events.</summary>
    public async Task ClickAsync(string selector)
    {
        var box = await EvaluateAsync(
            $"(() => {{ const r = document.querySelector({JsonSerializer.Serialize(selector)}).getBoundingClientRect(); return {{ x: r.x + r.width / 2, y: r.y + r.height / 2 }}; }})()");
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type,
                ["x"] = box.GetProperty("x").GetDouble(),
                ["y"] = box.GetProperty("y").GetDouble(),
                ["button"] = "left",
                ["clickCount"] = 1,
            });
        }
    }

    public async Task ScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }
}
