using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Tests.Api;

/// <summary>Requests as Kestrel hands them to the endpoints: a body stream, with or without Content-Length.</summary>
internal static class JsonRequests
{
    public static HttpRequest Body(string json, bool sendLength = true) => Body(Encoding.UTF8.GetBytes(json), sendLength);

    public static HttpRequest Body(byte[] bytes, bool sendLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        if (sendLength) context.Request.ContentLength = bytes.Length;
        return context.Request;
    }

    public static HttpRequest Query(string queryString, string? ifMatch = null)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(queryString);
        if (ifMatch is not null) context.Request.Headers.IfMatch = ifMatch;
        return context.Request;
    }
}
