using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Services;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>What an applied document asks for: SSL objects and services by name, in document order.</summary>
internal sealed record DesiredState(IReadOnlyList<DesiredSsl> Ssls, IReadOnlyList<DesiredService> Services);

/// <summary>One SSL object of a document. <see cref="Path"/> (<c>ssls[shop]</c>) prefixes its error fields.</summary>
internal sealed record DesiredSsl(string Name, string Path, SslObjectRequest Request);

/// <summary>One service of a document, as a draft with the defaults applied.</summary>
internal sealed record DesiredService(string Name, string Path, ServiceRecord Draft);
