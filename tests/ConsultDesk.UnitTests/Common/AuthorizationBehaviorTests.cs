using ConsultDesk.Common;
using ConsultDesk.Common.Behaviors;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Reports;
using Mediator;
using Microsoft.AspNetCore.Http;
using NSubstitute;

namespace ConsultDesk.UnitTests.Common;

/// <summary>Who may send a report query: the system (no HTTP request) and, over HTTP, supervisors only.</summary>
public sealed class AuthorizationBehaviorTests
{
    private static Task<int> SendAsync<TMessage>(TMessage message, HttpContext? http, Guid? userId = null, params string[] roles)
        where TMessage : notnull, IMessage
    {
        var accessor = new HttpContextAccessor { HttpContext = http };
        var user = Substitute.For<ICurrentUser>();
        user.Id.Returns(userId);
        user.IsInRole(Arg.Any<string>()).Returns(call => roles.Contains(call.Arg<string>()));
        var behavior = new AuthorizationBehavior<TMessage, int>(accessor, user);
        return behavior.Handle(message, (_, _) => new ValueTask<int>(1), CancellationToken.None).AsTask();
    }

    [Fact]
    public async Task The_system_may_send_a_report_query()
    {
        Assert.Equal(1, await SendAsync(new FlowReport.Query(), http: null));
        Assert.Equal(1, await SendAsync(new CaseloadReport.Query(), http: null));
    }

    [Fact]
    public async Task Over_HTTP_a_report_query_still_needs_a_supervisor()
    {
        var http = new DefaultHttpContext();
        Assert.Equal(1, await SendAsync(new FlowReport.Query(), http, Guid.NewGuid(), Roles.Manager));
        await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new FlowReport.Query(), http, Guid.NewGuid(), Roles.Consultant));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => SendAsync(new FlowReport.Query(), http));
    }

    [Fact]
    public async Task A_system_only_message_is_still_refused_over_HTTP() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new RunMonthlyReport.Command(), new DefaultHttpContext(), Guid.NewGuid(), Roles.Admin));
}
