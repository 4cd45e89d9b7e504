using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gatehouse.ControlPlane.Access;

/// <summary>Publishes each operation's role in the OpenAPI document as <c>x-gatehouse-role</c>, so clients (and the route-table test) can read it.</summary>
internal sealed class RoleOpenApiTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var role = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredRole>().LastOrDefault();
        if (role is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RouteRoles.OpenApiExtension] = new JsonNodeExtension(JsonValue.Create(RoleNames.Of(role.Role)));
        }
        return Task.CompletedTask;
    }
}
