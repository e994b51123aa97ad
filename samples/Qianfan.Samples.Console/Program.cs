using System.Text;
using Qianfan.Samples.Console.Cli;
using Qianfan.Samples.Console.Commands;
using Qianfan.Samples.Console.Commands.Chat;

Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

ICliCommand[] commands = [new ChatCommand(), new ModelsCommand(), new CompleteCommand(), new EmbedCommand(), new RerankCommand(), new ImageCommand(), new TokensCommand(), new TaskCommand()];
return await CliApp.RunAsync(args, commands, new CliConsole(Console.In, Console.Out, Console.Error), cancellation.Token);
