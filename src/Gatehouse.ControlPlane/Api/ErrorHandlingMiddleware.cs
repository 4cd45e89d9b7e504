using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Gatehouse.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// Turns every failure into the JSON error shape. Unexpected exceptions are logged by type and stack only:
/// their messages could, in principle, carry request data.
/// </summary>
internal sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await ApiErrorWriter.WriteAsync(context, error);
        }
        catch (DomainError error) when (!context.Response.HasStarted)
        {
            await ApiErrorWriter.WriteAsync(context, DomainErrorStatus.ToApiError(error));
        }
        catch (StoreUnavailableException e) when (!context.Response.HasStarted)
        {
            // Store messages name the store and an error code only, never a stored value (IConfigStore's contract).
            LogStoreUnavailable(logger, context.Request.Path, e.Message);
            await ApiErrorWriter.WriteAsync(context, ApiError.Of(503, "store_unavailable", "The configuration store is unavailable; retry shortly."));
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ApiErrorWriter.WriteAsync(context, e.StatusCode == 413
                ? ApiError.Of(413, "payload_too_large", "The body is larger than 1 MiB.")
                : ApiError.Of(400, "invalid_request", "The request is malformed."));
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnexpected(logger, e.GetType().FullName ?? "exception", context.Request.Path, e.StackTrace ?? "");
            await ApiErrorWriter.WriteAsync(context, ApiError.Of(500, "internal_error", "An internal error occurred; see the server log."));
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Unexpected {ExceptionType} while serving {Path} at {StackTrace}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string path, string stackTrace);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Store unavailable while serving {Path}: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string path, string reason);
}
