using System.CommandLine;

namespace Gatehouse.Client;

/// <summary>Runs a client command: resolves the settings, opens the API client, and turns failures into exit codes.</summary>
internal static class ClientAction
{
    public delegate Task<int> Run(ParseResult parse, AdminApi api, ClientConsole console, CancellationToken cancellationToken);

    /// <summary>Adds the client options to <paramref name="command"/> and sets its action.</summary>
    /// <param name="formats">The accepted <c>--output</c> values, the default first (table and json when none are given).</param>
    public static void SetClientAction(this Command command, Run run, params string[] formats)
    {
        var options = new ClientOptions(formats);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.InvocationConfiguration;
            var console = new ClientConsole(configuration.Output, configuration.Error, options.IsJson(parse)) { Format = parse.GetValue(options.Output)! };
            var server = parse.GetValue(options.Server);
            try
            {
                using var api = new AdminApi(options.Resolve(parse));
                return await run(parse, api, console, cancellationToken);
            }
            catch (UsageException e)
            {
                console.Failure("usage", e.Message);
                return ExitCodes.Usage;
            }
            catch (HttpRequestException e)
            {
                console.Failure("unreachable", $"cannot reach {server}: {e.Message}");
                return ExitCodes.Unavailable;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                console.Failure("unreachable", $"{server} did not answer in time.");
                return ExitCodes.Unavailable;
            }
        });
    }
}
