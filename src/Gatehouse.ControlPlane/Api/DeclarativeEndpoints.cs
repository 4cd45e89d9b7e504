using Gatehouse.Configuration;
using System.Text.Json;
using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Declarative;
using Gatehouse.Core.Json;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>Configuration as files (DESIGN.md §13): <c>GET /export</c> and <c>POST /apply</c>.</summary>
internal static class DeclarativeEndpoints
{
    /// <summary>The media type of an apply's streamed progress: one JSON object a line, the last one the result or the error.</summary>
    public const string ProgressMediaType = "application/x-ndjson";

    public static void MapDeclarativeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/export", ExportAsync).RequireRole(Role.Viewer);
        api.MapPost("/apply", ApplyAsync).Produces<ApplyReport>().RequireRole(Role.Operator);
    }

    /// <summary>Header naming how many SSL objects an export left out for having no name.</summary>
    public const string UnnamedHeader = "Gatehouse-Unnamed-Ssls";

    private static async Task<IResult> ExportAsync(HttpRequest request, HttpResponse response, ConfigModelHolder holder, CancellationToken cancellationToken)
    {
        var output = request.Query["output"].ToString();
        if (output is not ("" or "json" or "yaml")) throw QueryParameters.Invalid("output", "output must be yaml or json.");
        var (document, unnamed) = ConfigExporter.Export(holder.Current, Selector(request));
        response.Headers[UnnamedHeader] = unnamed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return output == "yaml"
            ? Results.Text(YamlDocuments.ToYaml(document), "application/yaml; charset=utf-8")
            : Results.Text(ConfigExporter.ToJson(document), "application/json; charset=utf-8");
    }

    private static async Task<IResult> ApplyAsync(HttpContext context, ApplyService service, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var options = new ApplyOptions(QueryParameters.Flag(request, "prune"), QueryParameters.Flag(request, "dry_run"),
            QueryParameters.Flag(request, "force"), Selector(request));
        // A whole configuration is larger than one object: no 1 MiB cap (nor Kestrel's 30 MB one) on this route.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        using var document = await ParseAsync(request, cancellationToken);
        var errors = new List<ValidationError>();
        var desired = ApplyDocumentReader.Read(document.RootElement, errors);

        var streaming = request.Headers.Accept.ToString().Contains(ProgressMediaType, StringComparison.Ordinal);
        var response = context.Response;
        async Task Progress(ApplyProgress progress)
        {
            if (!response.HasStarted)
            {
                response.StatusCode = 200;
                response.ContentType = ProgressMediaType;
            }
            await WriteLineAsync(response, new { progress }, cancellationToken);
        }
        try
        {
            var result = await service.ApplyAsync(desired, errors, options, streaming ? Progress : null, cancellationToken);
            var report = ApplyReport.From(result);
            if (!response.HasStarted) return Results.Json(report, GatehouseJson.Options);
            await WriteLineAsync(response, new { result = report }, cancellationToken);
            return Results.Empty;
        }
        catch (Exception e) when (response.HasStarted && e is ApiError or DomainError)
        {
            var error = e as ApiError ?? DomainErrorStatus.ToApiError((DomainError)e);
            await WriteLineAsync(response, new
            {
                status = error.Status,
                error = new { code = error.Code, message = error.Details[0].Message, details = error.Details.Select(d => new { field = d.Field, code = d.Code, message = d.Message }) },
            }, cancellationToken);
            return Results.Empty;
        }
    }

    private static async Task<JsonDocument> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException)
        {
            throw ApiError.Of(400, "invalid_json", "The body is not valid JSON: send one document {\"ssls\": [...], \"services\": [...]}.");
        }
    }

    private static async Task WriteLineAsync(HttpResponse response, object line, CancellationToken cancellationToken)
    {
        await response.WriteAsync(JsonSerializer.Serialize(line, GatehouseJson.Options) + "\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static LabelSelector Selector(HttpRequest request) =>
        new([.. request.Query["selector"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)]);
}
