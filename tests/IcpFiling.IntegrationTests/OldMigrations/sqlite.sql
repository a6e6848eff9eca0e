-- The OLD SQLite migration chain (Initial .. Issue12aResellerNumbers, commit 5a16a25), with its __EFMigrationsHistory inserts.
-- Made before the chain was replaced by one baseline, by:
--   dotnet ef migrations script --project src/IcpFiling.Migrations.Sqlite
-- Kept so tests can build a database exactly as an earlier main made it. Do not edit.
﻿CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "ResellerId" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_AspNetUsers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "ActorId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectType" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "Detail" TEXT NULL,
    "CorrelationId" TEXT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Instances" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Instances" PRIMARY KEY AUTOINCREMENT,
    "InstanceId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "Region" TEXT NOT NULL,
    "RegionInMainlandChina" INTEGER NOT NULL,
    "Billing" TEXT NOT NULL,
    "SubscriptionStartsAt" TEXT NOT NULL,
    "PurchasedMonths" INTEGER NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "PublicIp" TEXT NULL,
    "Status" TEXT NOT NULL,
    "IsTrial" INTEGER NOT NULL,
    "OrderAmount" TEXT NULL,
    "OnHold" INTEGER NOT NULL,
    "HoldReason" TEXT NULL,
    "QuotaOverride" INTEGER NULL,
    CONSTRAINT "FK_Instances_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ServiceNumbers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ServiceNumbers" PRIMARY KEY AUTOINCREMENT,
    "Number" TEXT NOT NULL,
    "InstanceRef" INTEGER NOT NULL,
    "InstanceType" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "QuotaKey" TEXT NOT NULL,
    "Slot" INTEGER NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    CONSTRAINT "CK_ServiceNumbers_Slot" CHECK ([Slot] >= 1),
    CONSTRAINT "FK_ServiceNumbers_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ServiceNumbers_Instances_InstanceRef" FOREIGN KEY ("InstanceRef") REFERENCES "Instances" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_ResellerId" ON "AspNetUsers" ("ResellerId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_ActorId_At" ON "AuditEntries" ("ActorId", "At");

CREATE INDEX "IX_AuditEntries_SubjectType_SubjectId_At" ON "AuditEntries" ("SubjectType", "SubjectId", "At");

CREATE UNIQUE INDEX "IX_Instances_InstanceId" ON "Instances" ("InstanceId");

CREATE INDEX "IX_Instances_OwnerId_Name_Id" ON "Instances" ("OwnerId", "Name", "Id");

CREATE INDEX "IX_Instances_OwnerId_Type_Name" ON "Instances" ("OwnerId", "Type", "Name");

CREATE UNIQUE INDEX "IX_ServiceNumbers_AccountId_IdempotencyKey" ON "ServiceNumbers" ("AccountId", "IdempotencyKey");

CREATE INDEX "IX_ServiceNumbers_AccountId_InstanceType_IssuedAt" ON "ServiceNumbers" ("AccountId", "InstanceType", "IssuedAt");

CREATE INDEX "IX_ServiceNumbers_AccountId_IssuedAt_Id" ON "ServiceNumbers" ("AccountId", "IssuedAt", "Id");

CREATE INDEX "IX_ServiceNumbers_AccountId_Status_IssuedAt" ON "ServiceNumbers" ("AccountId", "Status", "IssuedAt");

CREATE INDEX "IX_ServiceNumbers_InstanceRef_IssuedAt" ON "ServiceNumbers" ("InstanceRef", "IssuedAt");

CREATE UNIQUE INDEX "IX_ServiceNumbers_Number" ON "ServiceNumbers" ("Number");

CREATE UNIQUE INDEX "IX_ServiceNumbers_QuotaKey_Slot" ON "ServiceNumbers" ("QuotaKey", "Slot");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126110403_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "ServiceNumbers" ADD COLUMN "RestrictedToAccountId" TEXT NULL CONSTRAINT "FK_ServiceNumbers_AspNetUsers_RestrictedToAccountId" REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT;

ALTER TABLE "ServiceNumbers" ADD "UsedAt" TEXT NULL;

ALTER TABLE "ServiceNumbers" ADD "VoidReason" TEXT NULL;

ALTER TABLE "ServiceNumbers" ADD "VoidedAt" TEXT NULL;

ALTER TABLE "AuditEntries" ADD "ActorRole" TEXT NULL;

CREATE TABLE "Filings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Filings" PRIMARY KEY AUTOINCREMENT,
    "Domain" TEXT NOT NULL,
    "DomainAscii" TEXT NOT NULL,
    "SubjectName" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "ServiceNumberRef" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    CONSTRAINT "FK_Filings_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Filings_ServiceNumbers_ServiceNumberRef" FOREIGN KEY ("ServiceNumberRef") REFERENCES "ServiceNumbers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ServiceNumbers_RestrictedToAccountId" ON "ServiceNumbers" ("RestrictedToAccountId");

CREATE INDEX "IX_Instances_PublicIp" ON "Instances" ("PublicIp");

CREATE INDEX "IX_Filings_AccountId_SubmittedAt_Id" ON "Filings" ("AccountId", "SubmittedAt", "Id");

CREATE UNIQUE INDEX "IX_Filings_DomainAscii_Submitted" ON "Filings" ("DomainAscii") WHERE [Status] = 'Submitted';

CREATE UNIQUE INDEX "IX_Filings_ServiceNumberRef" ON "Filings" ("ServiceNumberRef");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126112019_FilingsRestrictionsAndReview', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Instances" ADD "PublicIps" TEXT NOT NULL DEFAULT '[]';

UPDATE "Instances" SET "PublicIps" = CASE WHEN "PublicIp" IS NULL OR trim("PublicIp") = '' THEN '[]' ELSE '["' || "PublicIp" || '"]' END;

DROP INDEX "IX_Instances_PublicIp";

ALTER TABLE "Instances" DROP COLUMN "PublicIp";

ALTER TABLE "Instances" DROP COLUMN "RegionInMainlandChina";

ALTER TABLE "Instances" ADD "SourceVersion" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "ServiceNumbers" ADD "InvalidCause" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "SourceVersion" INTEGER NULL;

ALTER TABLE "AspNetUsers" ADD "Suspended" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "ApiClients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiClients" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "LastUsedAt" TEXT NULL
);

CREATE INDEX "IX_Instances_ExpiresAt_Status" ON "Instances" ("ExpiresAt", "Status");

CREATE UNIQUE INDEX "IX_ApiClients_KeyId" ON "ApiClients" ("KeyId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126145221_InventoryLifecycleAndApiClients', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "Language" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "LastSignInAt" TEXT NULL;

ALTER TABLE "ApiClients" ADD "PreviousSecretHash" TEXT NULL;

ALTER TABLE "ApiClients" ADD "PreviousSecretValidUntil" TEXT NULL;

ALTER TABLE "ApiClients" ADD "RotatedAt" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126172025_Issue10AdminConsole', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "BatchRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BatchRequests" PRIMARY KEY AUTOINCREMENT,
    "AccountId" TEXT NOT NULL,
    "BatchKey" TEXT NOT NULL,
    "BodyHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_BatchRequests_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PersonalAccessTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PersonalAccessTokens" PRIMARY KEY AUTOINCREMENT,
    "AccountId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_PersonalAccessTokens_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_BatchRequests_AccountId_BatchKey" ON "BatchRequests" ("AccountId", "BatchKey");

CREATE INDEX "IX_PersonalAccessTokens_AccountId_CreatedAt" ON "PersonalAccessTokens" ("AccountId", "CreatedAt");

CREATE UNIQUE INDEX "IX_PersonalAccessTokens_KeyId" ON "PersonalAccessTokens" ("KeyId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126181659_Issue11TokensAndBatches', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Refusals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Refusals" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "Command" TEXT NOT NULL,
    "ActorId" TEXT NOT NULL,
    "SubjectId" TEXT NULL,
    "Reasons" TEXT NOT NULL
);

CREATE INDEX "IX_Refusals_Command_At" ON "Refusals" ("Command", "At");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126195618_AdminRefusals', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_ServiceNumbers_AccountId_Number_Id" ON "ServiceNumbers" ("AccountId", "Number", "Id");

CREATE INDEX "IX_Instances_OwnerId_ExpiresAt_Id" ON "Instances" ("OwnerId", "ExpiresAt", "Id");

CREATE INDEX "IX_Instances_OwnerId_InstanceId_Id" ON "Instances" ("OwnerId", "InstanceId", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126213433_Issue15cListSorting', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_ServiceNumbers_RestrictedToAccountId";

ALTER TABLE "ServiceNumbers" ADD "RestrictedAt" TEXT NULL;

ALTER TABLE "ServiceNumbers" ADD "RestrictionNote" TEXT NULL;

CREATE TABLE "InstanceAddresses" (
    "InstanceRef" INTEGER NOT NULL,
    "Address" TEXT NOT NULL,
    CONSTRAINT "PK_InstanceAddresses" PRIMARY KEY ("InstanceRef", "Address"),
    CONSTRAINT "FK_InstanceAddresses_Instances_InstanceRef" FOREIGN KEY ("InstanceRef") REFERENCES "Instances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ServiceNumbers_RestrictedToAccountId_Number" ON "ServiceNumbers" ("RestrictedToAccountId", "Number");

CREATE INDEX "IX_ServiceNumbers_RestrictedToAccountId_RestrictedAt_Id" ON "ServiceNumbers" ("RestrictedToAccountId", "RestrictedAt", "Id");

CREATE INDEX "IX_Filings_DomainAscii_ServiceNumberRef" ON "Filings" ("DomainAscii", "ServiceNumberRef");

CREATE INDEX "IX_InstanceAddresses_Address_InstanceRef" ON "InstanceAddresses" ("Address", "InstanceRef");

INSERT INTO "InstanceAddresses" ("InstanceRef", "Address") SELECT DISTINCT i."Id", j.value FROM "Instances" AS i, json_each(i."PublicIps") AS j WHERE length(j.value) <= 45;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126232708_Issue11dGrantNote', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Instances_Name_Id" ON "Instances" ("Name", "Id");

CREATE INDEX "IX_Filings_AccountId_Domain_Id" ON "Filings" ("AccountId", "Domain", "Id");

CREATE INDEX "IX_AspNetUsers_DisplayName_Id" ON "AspNetUsers" ("DisplayName", "Id");

CREATE INDEX "IX_AspNetUsers_LastSignInAt_Id" ON "AspNetUsers" ("LastSignInAt", "Id");

CREATE INDEX "IX_AspNetUsers_NormalizedEmail_Id" ON "AspNetUsers" ("NormalizedEmail", "Id");

CREATE INDEX "IX_AspNetUsers_ResellerId_DisplayName_Id" ON "AspNetUsers" ("ResellerId", "DisplayName", "Id");

CREATE INDEX "IX_AspNetUsers_ResellerId_Email_Id" ON "AspNetUsers" ("ResellerId", "Email", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127003118_Issue15eListSorting', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "ServiceNumbers" ADD "ResellerId" TEXT NULL;

UPDATE "ServiceNumbers" SET "ResellerId" = (SELECT u."ResellerId" FROM "AspNetUsers" AS u WHERE u."Id" = "ServiceNumbers"."AccountId") WHERE "AccountId" IN (SELECT "Id" FROM "AspNetUsers" WHERE "ResellerId" IS NOT NULL);

CREATE INDEX "IX_ServiceNumbers_ResellerId_IssuedAt_Id" ON "ServiceNumbers" ("ResellerId", "IssuedAt", "Id");

CREATE INDEX "IX_ServiceNumbers_ResellerId_Number_Id" ON "ServiceNumbers" ("ResellerId", "Number", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127021509_Issue12aResellerNumbers', '10.0.15');

COMMIT;

