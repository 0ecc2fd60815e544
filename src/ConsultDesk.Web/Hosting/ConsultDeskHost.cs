using System.Globalization;
using System.Threading.RateLimiting;
using ConsultDesk.Common;
using ConsultDesk.Common.Behaviors;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using Microsoft.AspNetCore.Identity;
using ConsultDesk.Features;
using ConsultDesk.Features.Inquiries;
using ConsultDesk.Jobs;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace ConsultDesk.Web.Hosting;

/// <summary>The composition root: every service and middleware of the app, in one place, used by Program and the tests alike.</summary>
public static class ConsultDeskHost
{
    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    /// <summary>Forwards to the bearer-token scheme when a request carries one, else to the Identity cookie.</summary>
    public const string StaffScheme = "Staff";

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplicationBuilder AddConsultDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var settings = configuration.GetSection(ConsultDeskOptions.Section).Get<ConsultDeskOptions>() ?? new ConsultDeskOptions();
        var dataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, settings.DataDirectory));
        Directory.CreateDirectory(dataDirectory);

        services.AddOptions<ConsultDeskOptions>().Bind(configuration.GetSection(ConsultDeskOptions.Section))
            .PostConfigure(o => o.DataDirectory = dataDirectory);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        // Database
        var provider = settings.Database.Provider;
        var connectionString = configuration.GetConnectionString("ConsultDesk") is { Length: > 0 } configured
            ? configured
            : provider == DatabaseProvider.Sqlite
                ? DatabaseSetup.DefaultSqliteConnectionString(dataDirectory)
                : throw new InvalidOperationException("ConnectionStrings:ConsultDesk is required for the Postgres provider.");
        if (provider == DatabaseProvider.Sqlite) DatabaseSetup.EnsureSqliteDirectory(connectionString);
        services.AddSingleton<ConsultDesk.Features.Reports.KeepCaseReportRowsCurrent>();
        services.AddSingleton<SignalAfterCommit>();
        // Pooled: a context and its options are built once and reset between requests. Built per request, the options and
        // EF's internal services cost ~0.2 MB of garbage per request (measured on the exact lookup: 85 MB/s, 42 gen0 GCs/s).
        services.AddDbContextPool<ConsultDeskDbContext>((sp, db) =>
        {
            DatabaseSetup.Configure(db, provider, connectionString);
            db.AddInterceptors(sp.GetRequiredService<ConsultDesk.Features.Reports.KeepCaseReportRowsCurrent>(), sp.GetRequiredService<SignalAfterCommit>(),
                sp.GetRequiredService<ConsultDesk.Features.Auth.VerifiedStaffSessions>());
        });
        services.AddScoped<ReferenceNumbers>();
        services.AddScoped<DeclarationNumbers>();
        services.AddScoped<ConsultDesk.Mail.DeclarationLinks>();
        services.AddScoped<ConsultDesk.Mail.DeclarationMail>();
        services.AddScoped<ConsultDesk.Features.Declarations.IDeclarationItems, ConsultDesk.Features.Declarations.DeclarationItemsFromDatabase>();
        services.AddSingleton<ConsultDesk.Features.Declarations.CertificateCache>();
        services.AddSingleton(provider == DatabaseProvider.Sqlite ? new WriteGate(serialize: true) : WriteGate.PassThrough);

        // Use cases
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(SubmitInquiry)];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        // A validator that needs no service is built once: building one compiles its rules, measurable per request under
        // load (intake; the queue's, a tenth of an exact lookup's time). Their messages are lambdas, so each answer is still
        // in the request's language. Intake's reads only the clock; other validators that take services stay scoped.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidator<SubmitInquiry.Command>, SubmitInquiry.Validator>());
        foreach (var validator in AssemblyScanner.FindValidatorsInAssemblyContaining<SubmitInquiry.Validator>())
        {
            var lifetime = validator.ValidatorType.GetConstructor(Type.EmptyTypes) is not null ? ServiceLifetime.Singleton : ServiceLifetime.Scoped;
            services.TryAddEnumerable(new ServiceDescriptor(validator.InterfaceType, validator.ValidatorType, lifetime));
            services.TryAdd(new ServiceDescriptor(validator.ValidatorType, validator.ValidatorType, lifetime));
        }
        ValidatorOptions.Global.LanguageManager.Enabled = true;

        // Mail
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<IMailTemplateStore, DatabaseMailTemplateStore>();
        services.AddScoped<AcknowledgementMail>();
        services.AddScoped<CaseMail>();
        // Attachments: the content-addressed store, the optional ClamAV scanner, the intake every upload goes through.
        services.AddSingleton<ConsultDesk.Files.AttachmentStore>();
        services.AddSingleton<ConsultDesk.Files.IVirusScanner, ConsultDesk.Files.ClamAvScanner>();
        services.AddScoped<ConsultDesk.Features.Attachments.AttachmentIntake>();
        services.AddScoped<PortalLinks>();
        services.AddSingleton<OutboxSecrets>();
        services.AddScoped<ConsultDesk.Features.FollowUps.FollowUpPlanner>();
        // Public intake's group commit: one writer stores the intakes waiting together, in one transaction.
        services.AddSingleton<ConsultDesk.Features.Inquiries.IntakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsultDesk.Features.Inquiries.IntakeWriter>());
        // info: link checker — its own client: no automatic redirects (each hop is recorded), the private-address guard.
        services.AddHttpClient(ConsultDesk.Features.Info.LinkChecker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => ConsultDesk.Features.Info.LinkChecker.CreateHandler(sp.GetRequiredService<IOptions<ConsultDeskOptions>>().Value.Info.LinkCheck));
        services.AddSingleton<ConsultDesk.Features.Info.LinkChecker>();
        services.AddSingleton<ConsultDesk.Features.Info.InfoFinderIndex>();
        services.AddSingleton<ConsultDesk.Features.Info.FindMatchingPolicies.RecentMatches>();
        services.AddScoped<ConsultDesk.Features.FollowUps.InquirerReplies>();
        services.AddScoped<ConsultDesk.Features.Inbound.InboundDecisions>();
        services.AddScoped<ConsultDesk.Features.Inbound.MailImport>();
        services.AddScoped<ConsultDesk.Features.FollowUps.FollowUpMail>();
        services.AddScoped<ConsultDesk.Features.Matching.MatchMail>();
        services.AddScoped<ConsultDesk.Features.Reports.MonthlyReportMail>();
        services.AddSingleton<CoalescingFollowUpSignal>();
        services.AddSingleton<ConsultDesk.Features.FollowUps.IFollowUpSignal>(sp => sp.GetRequiredService<CoalescingFollowUpSignal>());
        services.AddHostedService(sp => sp.GetRequiredService<CoalescingFollowUpSignal>());
        services.AddSingleton<IMailTransport>(sp => settings.Mail.Transport == MailTransportKind.Smtp
            ? new SmtpMailTransport(sp.GetRequiredService<IOptions<ConsultDeskOptions>>())
            : new PickupMailTransport(Path.Combine(dataDirectory, settings.Mail.PickupDirectory)));
        services.AddSingleton<CoalescingOutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<CoalescingOutboxSignal>());
        services.AddHostedService(sp => sp.GetRequiredService<CoalescingOutboxSignal>());

        // Background jobs. Startup work is registered before the Hangfire server so it runs first.
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.Postgres)
                // Long polling (LISTEN/NOTIFY): a job enqueued by one node wakes the workers of every node at once,
                // instead of after the 15-second queue poll.
                hangfire.UsePostgreSqlStorage(pg => pg.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { EnableLongPolling = true });
            else
                hangfire.UseInMemoryStorage();
        });
        services.AddStartupTasks();
        services.AddHostedService<SampleMunicipalities>();
        services.AddHostedService<SampleInfoContent>();
        services.AddHostedService<MailTemplatesWarmUp>();
        if (settings.Jobs.RunServer)
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = settings.Jobs.WorkerCount;
                server.SchedulePollingInterval = settings.Jobs.SchedulePollingInterval;
            });

        // Staff sign-in: cookies for the pages, bearer tokens for the API; one policy scheme picks per request.
        services.AddIdentityCore<User>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 10;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = settings.Auth.MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = settings.Auth.LockoutDuration;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<ConsultDeskDbContext>()
            .AddSignInManager<ConsultDesk.Features.Auth.StaffSignInManager>()
            .AddDefaultTokenProviders();
        services.AddScoped<ConsultDesk.Features.Auth.StaffSessionCheck>();
        services.AddSingleton<ConsultDesk.Features.Auth.VerifiedStaffSessions>();
        services.AddScoped<ConsultDesk.Features.Users.AccountAudit>();
        services.AddScoped<ConsultDesk.Features.Users.PasswordResetMail>();
        services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = StaffScheme;
                auth.DefaultChallengeScheme = StaffScheme;
            })
            .AddPolicyScheme(StaffScheme, "Cookie or bearer token", policy => policy.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, bearer =>
            {
                bearer.BearerTokenExpiration = settings.Auth.AccessTokenLifetime;
                // Every request checks the token's security stamp (StaffSessionCheck): revoked within seconds, not in 30 minutes.
                bearer.Events.OnMessageReceived = ConsultDesk.Features.Auth.StaffSessionCheck.ValidateBearerAsync;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/error/403";
            cookie.Cookie.Name = "ConsultDesk.Staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            // The API answers 401/403 problems instead of redirecting to the sign-in page.
            cookie.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
            // Replaces Identity's SecurityStampValidator (every 30 minutes): the stamp is checked on every request (StaffSessionCheck).
            cookie.Events.OnValidatePrincipal = ConsultDesk.Features.Auth.StaffSessionCheck.ValidateCookieAsync;
        });
        services.AddAuthorization();

        // Reference data and the desk's calendar
        services.AddSingleton(LocalGovernmentDirectory.LoadEmbedded());
        services.AddSingleton<ConsultDesk.Domain.PostalCodes.PostalCodeDirectory>();
        services.AddSingleton(ConsultDesk.Domain.Calendar.BusinessCalendar.LoadEmbedded());
        services.AddSingleton(sp => new ServiceLevel(sp.GetRequiredService<ConsultDesk.Domain.Calendar.BusinessCalendar>(),
            settings.Sla.FirstResponseBusinessDays, settings.Sla.ResolutionBusinessDays, settings.Sla.DueSoonDeskTime));
        services.AddSingleton<ConsultDesk.Web.Pages.Inquiries.LocalGovernmentLookup>();
        services.AddSingleton<ConsultDesk.Web.Pages.Shared.PublicFormGuard>();

        // HTTP
        services.ConfigureHttpJsonOptions(json => Wire.Configure(json.SerializerOptions));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddLocalization();
        services.AddRazorPages(pages => pages.Conventions.AuthorizeFolder("/Desk"));
        // Emit Japanese as text, not as &#x..; entities: smaller pages, readable source, searchable by tests.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOpenApi(openApi =>
        {
            // A slice's types are nested in it (SubmitInquiry.Command, SubmitDeclaration.Command): name their schemas
            // with the slice, or every "Command" and "Response" would share one schema and describe the wrong body.
            openApi.CreateSchemaReferenceId = type => type.Type.IsNested && type.Type.DeclaringType is { IsAbstract: true, IsSealed: true } slice
                ? slice.Name + Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type)
                : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ConsultDesk API";
            document.Info.Description = "地方創生テレワーク相談窓口 — consultation desk API.";
            OpenApiCodeLists.Apply(document);
            return Task.CompletedTask;
        });
        });
        services.AddSingleton<Draining>();
        services.AddHostedService(sp => sp.GetRequiredService<Draining>());
        services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.Shutdown.Timeout);
        services.AddHealthChecks()
            .AddCheck<Draining>("draining", tags: ["ready"])
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddDeskMetrics(settings.Metrics);
        // One node on SQLite keeps its keys in the data directory; nodes sharing PostgreSQL share the key ring in the
        // database, so a cookie, antiforgery token or bearer token issued by one node is read by every other.
        var dataProtection = services.AddDataProtection().SetApplicationName("ConsultDesk");
        if (provider == DatabaseProvider.Postgres)
            dataProtection.PersistKeysToDbContext<ConsultDeskDbContext>();
        else
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, DataProtectionKeyImport.KeysFolder)));
        if (settings.DataProtection.CertificatePath is { Length: > 0 } certificatePath)
        {
            // Keys encrypted at rest. The certificate is not in any store, so it is also named for decryption.
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.GetFullPath(certificatePath, builder.Environment.ContentRootPath), settings.DataProtection.CertificatePassword);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        // Behind a proxy: forwarded headers only from the configured proxies; every cookie Secure outside Development
        // (the test host's "Testing" environment runs over plain http on loopback, like Development).
        services.Configure<ForwardedHeadersOptions>(forwarded => ClientAddress.ConfigureForwardedHeaders(forwarded, settings.ReverseProxy));
        services.Configure<CookiePolicyOptions>(cookies => cookies.Secure =
            builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddPortalGuard();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicies.PublicIntake, http =>
            {
                // Only submissions count; showing a form is free.
                if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var perMinute = http.RequestServices.GetRequiredService<IOptionsMonitor<ConsultDeskOptions>>().CurrentValue.RateLimiting.Intake.PerIpPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.AddPolicy(RateLimitPolicies.SignIn, http =>
                RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.Auth.SignInsPerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Fresh portal links: only requests count, showing the form is free. Bad portal tokens are PortalGuard's.
            limiter.AddPolicy(RateLimitPolicies.PortalLink, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var perHour = http.RequestServices.GetRequiredService<IOptionsMonitor<ConsultDeskOptions>>().CurrentValue.Portal.LinkRequestsPerIpPerHour;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
            });
            limiter.AddPolicy(RateLimitPolicies.PublicLookup, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptionsMonitor<ConsultDeskOptions>>().CurrentValue.RateLimiting.LookupsPerIpPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.AddPolicy(RateLimitPolicies.PasswordReset, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var perHour = http.RequestServices.GetRequiredService<IOptionsMonitor<ConsultDeskOptions>>().CurrentValue.Auth.PasswordResetRequestsPerIpPerHour;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                // Pages get the HTML error page through status-code re-execution; the API gets problem details.
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api")) return;
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = Texts.ProblemTooManyRequests },
                });
            };
        });
        return builder;
    }

    public static WebApplication UseConsultDesk(this WebApplication app)
    {
        // First: everything after sees the real client address and scheme. Only with proxies configured: the
        // middleware trusts every sender when both of its lists are empty.
        if (ClientAddress.TrustsAnyProxy(app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value))
            app.UseForwardedHeaders();
        app.UseSecurityHeaders(app.Environment.IsDevelopment());
        app.UseCookiePolicy();
        // Localization comes before the exception handler so problem details it writes use the request's language too.
        app.UseRequestLocalization(localization =>
        {
            localization.DefaultRequestCulture = new RequestCulture("ja");
            localization.SupportedCultures = Cultures;
            localization.SupportedUICultures = Cultures;
            localization.ApplyCurrentCultureToResponseHeaders = true;
            // ?culture=en, then the cookie set by the language switch. Pages stay Japanese unless the visitor
            // switches (as Japanese public-sector sites do); API clients choose with Accept-Language.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider();
            localization.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(http => http.Request.Path.StartsWithSegments("/api")
                    ? acceptLanguage.DetermineProviderCultureResult(http)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        app.UseExceptionHandler();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UsePortalGuard();
        // A page form with files (a reply on the case page or the portal) may be as large as one message's files
        // allow, plus its text fields; the server refuses more (413) before anything buffers it.
        app.Use((http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api")
                && ConsultDesk.Features.Attachments.UploadRequest.IsMultipart(http.Request))
                ConsultDesk.Features.Attachments.UploadRequest.Limit(http, http.RequestServices.GetRequiredService<IOptions<ConsultDeskOptions>>().Value.Attachments);
            return next(http);
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        // Judges and editors are not staff: under /desk they reach only their own pages and account (see NonStaffGuard),
        // answered before page authorization would send them to sign-in again.
        app.Use((http, next) => NonStaffGuard.InvokeAsync(http, () => next(http)));
        app.UseAuthorization();
        // Cookie-authenticated API writes need a header a cross-site form cannot send (see CookieWriteGuard).
        app.Use(ConsultDesk.Common.Http.CookieWriteGuard.InvokeAsync);
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapDeskMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", ApiReference.Configure);
        app.MapFeatureEndpoints();
        app.MapRazorPages();
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
            {
                var chosen = Cultures.Any(c => c.Name == culture) ? culture : "ja";
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                return Results.LocalRedirect(returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
