// Generated from /api/openapi.json by `npm run gen:api`. Do not edit: change the zod schemas and regenerate.

export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 健康检查 Health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description 成功 Success */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 登录 Log in with username and password */
        post: operations["auth.login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 退出登录 End the current session */
        post: operations["auth.logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 当前用户 The signed-in user */
        get: operations["auth.me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的API密钥 My API keys */
        get: operations["auth.apikey.list"];
        put?: never;
        /** 创建API密钥 Create an API key (the key is shown once) */
        post: operations["auth.apikey.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 吊销API密钥 Revoke an API key */
        delete: operations["auth.apikey.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 部门列表 All departments */
        get: operations["identity.department.list"];
        put?: never;
        /** 新建部门 Create a department (bureau admin) */
        post: operations["identity.department.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改部门 Update a department (bureau admin) */
        patch: operations["identity.department.update"];
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 用户列表 Users (bureau admin: all; department admin: own department) */
        get: operations["identity.user.list"];
        put?: never;
        /** 新建用户 Create a user */
        post: operations["identity.user.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改用户 Update a user (roles, department, name, password) */
        patch: operations["identity.user.update"];
        trace?: never;
    };
    "/api/v1/users/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 锁定用户 Lock a user out */
        post: operations["identity.user.lock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解锁用户 Unlock a user (also clears a failed-login lock) */
        post: operations["identity.user.unlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计日志 The audit log, newest first (auditor) */
        get: operations["audit.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 校验审计链 Walk the hash chain and report the first bad row (auditor) */
        get: operations["audit.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/classifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 资源分类树 The classification tree */
        get: operations["catalog.classification.list"];
        put?: never;
        /** 新增分类 Add a node: a theme under 2, or a 目/细目 under an existing node (bureau) */
        post: operations["catalog.classification.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/data-elements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 数据元检索 Search the data-element registry by identifier or words */
        get: operations["catalog.dataElement.list"];
        put?: never;
        /** 新建数据元 Add a data element (bureau) */
        post: operations["catalog.dataElement.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/data-elements/{identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 数据元详情 One data element */
        get: operations["catalog.dataElement.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改数据元 Edit a data element (bureau) */
        patch: operations["catalog.dataElement.update"];
        trace?: never;
    };
    "/api/v1/catalog/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 目录检索 Chinese full-text search with facets and paging */
        get: operations["catalog.resource.search"];
        put?: never;
        /** 新建目录（草稿） Register a resource as a draft in your department */
        post: operations["catalog.resource.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 目录详情 One entry by id or code */
        get: operations["catalog.resource.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改目录 Edit an entry (a published entry gets a new draft version) */
        patch: operations["catalog.resource.update"];
        trace?: never;
    };
    "/api/v1/catalog/by-code/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 目录详情 One entry by id or code */
        get: operations["catalog.resource.show.2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/resources/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交审核 Submit a draft or returned entry for review */
        post: operations["catalog.resource.submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/resources/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 审核目录 Approve (publish) or return a submitted entry — the bureau */
        post: operations["catalog.resource.review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/resources/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 版本历史 Version history of an entry */
        get: operations["catalog.resource.versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/resources/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 版本对比 Field-by-field changes between two versions */
        get: operations["catalog.resource.diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 目录统计 Counts by department, classification, share and open type */
        get: operations["catalog.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/import-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载导入模板 The import template (xlsx) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description 成功 Success */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出目录 Every entry matching a search, with items, for Excel */
        get: operations["catalog.resource.export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 上传导入文件 Upload a catalog workbook; the import runs as a job
         * @description Send the workbook as the raw request body (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). Poll GET /api/v1/jobs/{jobId}.
         */
        post: operations["catalog.import.start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 任务进度 A job: phase, progress, result or error (your own jobs) */
        get: operations["jobs.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ResourceInput: {
            name: string;
            classification: string;
            abstract: string;
            /** @enum {string} */
            format: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
            formatType: string;
            items: {
                name: string;
                /** @description a data element's identifier */
                dataElement: string | null;
                /** @enum {string} */
                type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                length: number | null;
                description: string | null;
            }[];
            /** @enum {string} */
            shareType: "unconditional" | "conditional" | "none";
            shareCondition: string | null;
            shareBasis: string | null;
            /** @enum {string} */
            shareChannel: "platform" | "mail" | "media";
            shareVia: ("table" | "api" | "file") | null;
            /** @enum {string} */
            openType: "open" | "conditional" | "closed";
            openCondition: string | null;
            /** @enum {string} */
            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
            /** @description 发布日期; set at approval when empty */
            publishedAt: string | null;
            /** @default [] */
            relatedCodes: string[];
            /** @default [] */
            keywords: string[];
            contact: string | null;
            /** @description 数据资产归属 */
            owner: string | null;
            /** Format: uuid */
            id: string;
            code: string;
            /** @enum {string} */
            status: "draft" | "submitted" | "published" | "returned" | "superseded";
            /** @description the version this body shows */
            version: number;
            /** @description the latest published version, if any */
            publishedVersion: number | null;
            /** Format: uuid */
            providerDepartmentId: string;
            providerName: string;
            providerCode: string;
            classificationName: string;
            /** @description why it was returned */
            reviewReason: string | null;
            submittedAt: string | null;
            reviewedAt: string | null;
            createdAt: string;
            updatedAt: string;
        };
        ClassificationNodeInput: {
            code: string;
            name: string;
            /** @enum {string} */
            kind: "base" | "theme" | "department";
            departmentId: string | null;
            children: components["schemas"]["ClassificationNodeInput"][];
        };
        DataElementInput: {
            name: string;
            definition: string;
            /** @enum {string} */
            dataType: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
            length: number | null;
            valueDomain: {
                /** @constant */
                kind: "free";
            } | {
                /** @constant */
                kind: "enum";
                values: {
                    code: string;
                    label: string;
                }[];
            } | {
                /** @constant */
                kind: "pattern";
                pattern: string;
            } | {
                /** @constant */
                kind: "validator";
                /** @enum {string} */
                name: "citizen-id" | "credit-code" | "mobile" | "phone" | "date" | "datetime" | "postcode" | "admin-division" | "email";
            };
            /**
             * @default none
             * @enum {string}
             */
            masking: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "full";
            identifier: string;
            createdAt: string;
            updatedAt: string;
        };
        ErrorInput: {
            error: {
                code: string;
                message: string;
                details?: unknown;
            };
        };
        JobInput: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            phase: string | null;
            done: number;
            total: number;
            result: unknown | null;
            error: {
                code: string;
                message: string;
                details?: unknown;
            } | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
        };
        Resource: {
            name: string;
            classification: string;
            abstract: string;
            /** @enum {string} */
            format: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
            formatType: string;
            items: {
                name: string;
                /** @description a data element's identifier */
                dataElement: string | null;
                /** @enum {string} */
                type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                length: number | null;
                description: string | null;
            }[];
            /** @enum {string} */
            shareType: "unconditional" | "conditional" | "none";
            shareCondition: string | null;
            shareBasis: string | null;
            /** @enum {string} */
            shareChannel: "platform" | "mail" | "media";
            shareVia: ("table" | "api" | "file") | null;
            /** @enum {string} */
            openType: "open" | "conditional" | "closed";
            openCondition: string | null;
            /** @enum {string} */
            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
            /** @description 发布日期; set at approval when empty */
            publishedAt: string | null;
            /** @default [] */
            relatedCodes: string[];
            /** @default [] */
            keywords: string[];
            contact: string | null;
            /** @description 数据资产归属 */
            owner: string | null;
            /** Format: uuid */
            id: string;
            code: string;
            /** @enum {string} */
            status: "draft" | "submitted" | "published" | "returned" | "superseded";
            /** @description the version this body shows */
            version: number;
            /** @description the latest published version, if any */
            publishedVersion: number | null;
            /** Format: uuid */
            providerDepartmentId: string;
            providerName: string;
            providerCode: string;
            classificationName: string;
            /** @description why it was returned */
            reviewReason: string | null;
            submittedAt: string | null;
            reviewedAt: string | null;
            createdAt: string;
            updatedAt: string;
        };
        ClassificationNode: {
            code: string;
            name: string;
            /** @enum {string} */
            kind: "base" | "theme" | "department";
            departmentId: string | null;
            children: components["schemas"]["ClassificationNode"][];
        };
        DataElement: {
            name: string;
            definition: string;
            /** @enum {string} */
            dataType: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
            length: number | null;
            valueDomain: {
                /** @constant */
                kind: "free";
            } | {
                /** @constant */
                kind: "enum";
                values: {
                    code: string;
                    label: string;
                }[];
            } | {
                /** @constant */
                kind: "pattern";
                pattern: string;
            } | {
                /** @constant */
                kind: "validator";
                /** @enum {string} */
                name: "citizen-id" | "credit-code" | "mobile" | "phone" | "date" | "datetime" | "postcode" | "admin-division" | "email";
            };
            /**
             * @default none
             * @enum {string}
             */
            masking: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "full";
            identifier: string;
            createdAt: string;
            updatedAt: string;
        };
        Error: {
            error: {
                code: string;
                message: string;
                details?: unknown;
            };
        };
        Job: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            phase: string | null;
            done: number;
            total: number;
            result: unknown | null;
            error: {
                code: string;
                message: string;
                details?: unknown;
            } | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "auth.login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        expiresAt: string;
                        user: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string;
                            /** Format: uuid */
                            departmentId: string;
                            departmentName: string;
                            roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                            /** @description disabled by an administrator, or locked after repeated failed logins */
                            locked: boolean;
                            lockedUntil: string | null;
                            disabled: boolean;
                            lastLoginAt: string | null;
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        /** Format: uuid */
                        departmentId: string;
                        departmentName: string;
                        roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                        /** @description disabled by an administrator, or locked after repeated failed logins */
                        locked: boolean;
                        lockedUntil: string | null;
                        disabled: boolean;
                        lastLoginAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.apikey.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** @description the first characters of the key, to recognize it */
                        prefix: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    }[];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.apikey.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** @description the first characters of the key, to recognize it */
                        prefix: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description shown once; only its hash is stored */
                        key: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.apikey.revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.department.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        shortName: string;
                        code: string;
                        creditCode: string;
                        parentId: string | null;
                        isBureau: boolean;
                    }[];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.department.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    shortName?: string;
                    code: string;
                    creditCode: string;
                    /** @default null */
                    parentId?: string | null;
                    /**
                     * @description the big-data bureau itself; exactly one, set when the platform is first set up
                     * @default false
                     */
                    isBureau?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        shortName: string;
                        code: string;
                        creditCode: string;
                        parentId: string | null;
                        isBureau: boolean;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.department.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    shortName?: string;
                    code?: string;
                    creditCode?: string;
                    /** @default null */
                    parentId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        shortName: string;
                        code: string;
                        creditCode: string;
                        parentId: string | null;
                        isBureau: boolean;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.user.list": {
        parameters: {
            query?: {
                departmentId?: string;
                q?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            username: string;
                            displayName: string;
                            /** Format: uuid */
                            departmentId: string;
                            departmentName: string;
                            roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                            /** @description disabled by an administrator, or locked after repeated failed logins */
                            locked: boolean;
                            lockedUntil: string | null;
                            disabled: boolean;
                            lastLoginAt: string | null;
                            createdAt: string;
                        }[];
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.user.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    displayName: string;
                    /** Format: uuid */
                    departmentId: string;
                    roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                    password: string & (unknown & unknown);
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        /** Format: uuid */
                        departmentId: string;
                        departmentName: string;
                        roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                        /** @description disabled by an administrator, or locked after repeated failed logins */
                        locked: boolean;
                        lockedUntil: string | null;
                        disabled: boolean;
                        lastLoginAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.user.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    /** Format: uuid */
                    departmentId?: string;
                    roles?: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                    password?: string & (unknown & unknown);
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        /** Format: uuid */
                        departmentId: string;
                        departmentName: string;
                        roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                        /** @description disabled by an administrator, or locked after repeated failed logins */
                        locked: boolean;
                        lockedUntil: string | null;
                        disabled: boolean;
                        lastLoginAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.user.lock": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        /** Format: uuid */
                        departmentId: string;
                        departmentName: string;
                        roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                        /** @description disabled by an administrator, or locked after repeated failed logins */
                        locked: boolean;
                        lockedUntil: string | null;
                        disabled: boolean;
                        lastLoginAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "identity.user.unlock": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        username: string;
                        displayName: string;
                        /** Format: uuid */
                        departmentId: string;
                        departmentName: string;
                        roles: ("admin" | "dept_admin" | "dept_user" | "auditor")[];
                        /** @description disabled by an administrator, or locked after repeated failed logins */
                        locked: boolean;
                        lockedUntil: string | null;
                        disabled: boolean;
                        lastLoginAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit.list": {
        parameters: {
            query?: {
                actor?: string;
                /** @description an action name or its prefix, e.g. catalog.resource */
                action?: string;
                targetType?: string;
                targetId?: string;
                from?: string;
                to?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            seq: number;
                            at: string;
                            actorId: string | null;
                            actor: string;
                            departmentId: string | null;
                            action: string;
                            targetType: string | null;
                            targetId: string | null;
                            details: unknown;
                            ip: string | null;
                            hash: string;
                        }[];
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit.verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        checked: number;
                        headSeq?: number;
                        badSeq?: number;
                        reason?: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.classification.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClassificationNode"][];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.classification.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    parentCode: string;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.dataElement.list": {
        parameters: {
            query?: {
                q?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DataElement"][];
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.dataElement.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    definition: string;
                    /** @enum {string} */
                    dataType: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    length: number | null;
                    valueDomain: {
                        /** @enum {string} */
                        kind: "free";
                    } | {
                        /** @enum {string} */
                        kind: "enum";
                        values: {
                            code: string;
                            label: string;
                        }[];
                    } | {
                        /** @enum {string} */
                        kind: "pattern";
                        pattern: string;
                    } | {
                        /** @enum {string} */
                        kind: "validator";
                        /** @enum {string} */
                        name: "citizen-id" | "credit-code" | "mobile" | "phone" | "date" | "datetime" | "postcode" | "admin-division" | "email";
                    };
                    /**
                     * @default none
                     * @enum {string}
                     */
                    masking?: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "full";
                    /** @description generated when omitted */
                    identifier?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataElement"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.dataElement.show": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                identifier: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataElement"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.dataElement.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                identifier: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    definition?: string;
                    /** @enum {string} */
                    dataType?: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    length?: number | null;
                    valueDomain?: {
                        /** @enum {string} */
                        kind: "free";
                    } | {
                        /** @enum {string} */
                        kind: "enum";
                        values: {
                            code: string;
                            label: string;
                        }[];
                    } | {
                        /** @enum {string} */
                        kind: "pattern";
                        pattern: string;
                    } | {
                        /** @enum {string} */
                        kind: "validator";
                        /** @enum {string} */
                        name: "citizen-id" | "credit-code" | "mobile" | "phone" | "date" | "datetime" | "postcode" | "admin-division" | "email";
                    };
                    /**
                     * @default none
                     * @enum {string}
                     */
                    masking?: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "full";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataElement"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.search": {
        parameters: {
            query?: {
                q?: string;
                /** @description a node code; matches it and everything under it */
                classification?: string;
                provider?: string;
                shareType?: "unconditional" | "conditional" | "none";
                openType?: "open" | "conditional" | "closed";
                format?: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
                updateCycle?: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                /** @description filter by workflow status (your department's entries; the bureau sees all) */
                status?: "draft" | "submitted" | "published" | "returned" | "superseded";
                /** @description published: the catalog everyone sees; mine: your department's entries in every state; review: the bureau's queue; all: every entry's working version (bureau, auditor) */
                scope?: "published" | "mine" | "review" | "all";
                sort?: "relevance" | "updated" | "name" | "code";
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            classification: string;
                            abstract: string;
                            /** @enum {string} */
                            format: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
                            formatType: string;
                            /** @enum {string} */
                            shareType: "unconditional" | "conditional" | "none";
                            shareCondition: string | null;
                            shareBasis: string | null;
                            /** @enum {string} */
                            shareChannel: "platform" | "mail" | "media";
                            shareVia: ("table" | "api" | "file") | null;
                            /** @enum {string} */
                            openType: "open" | "conditional" | "closed";
                            openCondition: string | null;
                            /** @enum {string} */
                            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                            /** @description 发布日期; set at approval when empty */
                            publishedAt: string | null;
                            /** @default [] */
                            relatedCodes: string[];
                            /** @default [] */
                            keywords: string[];
                            contact: string | null;
                            /** @description 数据资产归属 */
                            owner: string | null;
                            /** Format: uuid */
                            id: string;
                            code: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "returned" | "superseded";
                            /** @description the version this body shows */
                            version: number;
                            /** @description the latest published version, if any */
                            publishedVersion: number | null;
                            /** Format: uuid */
                            providerDepartmentId: string;
                            providerName: string;
                            providerCode: string;
                            classificationName: string;
                            /** @description why it was returned */
                            reviewReason: string | null;
                            submittedAt: string | null;
                            reviewedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            itemCount: number;
                            itemNames: string[];
                            rank: number | null;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                        facets: {
                            classification: {
                                value: string;
                                label: string;
                                count: number;
                            }[];
                            provider: {
                                value: string;
                                label: string;
                                count: number;
                            }[];
                            shareType: {
                                value: string;
                                label: string;
                                count: number;
                            }[];
                            openType: {
                                value: string;
                                label: string;
                                count: number;
                            }[];
                            format: {
                                value: string;
                                label: string;
                                count: number;
                            }[];
                            updateCycle: {
                                value: string;
                                label: string;
                                count: number;
                            }[];
                        };
                        /** @description the segmented query words, for highlighting */
                        terms: string[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    classification: string;
                    abstract: string;
                    /** @enum {string} */
                    format: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
                    formatType: string;
                    items: {
                        name: string;
                        /** @description a data element's identifier */
                        dataElement: string | null;
                        /** @enum {string} */
                        type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                        length: number | null;
                        description: string | null;
                    }[];
                    /** @enum {string} */
                    shareType: "unconditional" | "conditional" | "none";
                    shareCondition: string | null;
                    shareBasis: string | null;
                    /** @enum {string} */
                    shareChannel: "platform" | "mail" | "media";
                    shareVia: ("table" | "api" | "file") | null;
                    /** @enum {string} */
                    openType: "open" | "conditional" | "closed";
                    openCondition: string | null;
                    /** @enum {string} */
                    updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                    /** @description 发布日期; set at approval when empty */
                    publishedAt: string | null;
                    /** @default [] */
                    relatedCodes?: string[];
                    /** @default [] */
                    keywords?: string[];
                    contact: string | null;
                    /** @description 数据资产归属 */
                    owner: string | null;
                    /**
                     * Format: uuid
                     * @description bureau only: create for another department; defaults to the caller's
                     */
                    providerDepartmentId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.show": {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                /** @description uuid or resource code */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    classification?: string;
                    abstract?: string;
                    /** @enum {string} */
                    format?: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
                    formatType?: string;
                    items?: {
                        name: string;
                        /** @description a data element's identifier */
                        dataElement: string | null;
                        /** @enum {string} */
                        type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                        length: number | null;
                        description: string | null;
                    }[];
                    /** @enum {string} */
                    shareType?: "unconditional" | "conditional" | "none";
                    shareCondition?: string | null;
                    shareBasis?: string | null;
                    /** @enum {string} */
                    shareChannel?: "platform" | "mail" | "media";
                    shareVia?: ("table" | "api" | "file") | null;
                    /** @enum {string} */
                    openType?: "open" | "conditional" | "closed";
                    openCondition?: string | null;
                    /** @enum {string} */
                    updateCycle?: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                    /** @description 发布日期; set at approval when empty */
                    publishedAt?: string | null;
                    relatedCodes?: string[];
                    keywords?: string[];
                    contact?: string | null;
                    /** @description 数据资产归属 */
                    owner?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.show.2": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                "*": string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.submit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.review": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "approve" | "return";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description uuid or resource code */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            version: number;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "returned" | "superseded";
                            name: string;
                            updatedAt: string;
                            updatedBy: string | null;
                            submittedAt: string | null;
                            reviewedAt: string | null;
                            reviewReason: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.diff": {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path: {
                /** @description uuid or resource code */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: number;
                        to: number;
                        changes: {
                            field: string;
                            from: unknown;
                            to: unknown;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        byStatus: {
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "returned" | "superseded";
                            count: number;
                        }[];
                        byDepartment: {
                            /** Format: uuid */
                            departmentId: string;
                            name: string;
                            published: number;
                            total: number;
                        }[];
                        byClassification: {
                            code: string;
                            name: string;
                            count: number;
                        }[];
                        byShareType: {
                            /** @enum {string} */
                            value: "unconditional" | "conditional" | "none";
                            count: number;
                        }[];
                        byOpenType: {
                            /** @enum {string} */
                            value: "open" | "conditional" | "closed";
                            count: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.resource.export": {
        parameters: {
            query?: {
                q?: string;
                /** @description a node code; matches it and everything under it */
                classification?: string;
                provider?: string;
                shareType?: "unconditional" | "conditional" | "none";
                openType?: "open" | "conditional" | "closed";
                format?: "file" | "spreadsheet" | "database" | "image" | "stream" | "self-describing" | "other";
                updateCycle?: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                /** @description filter by workflow status (your department's entries; the bureau sees all) */
                status?: "draft" | "submitted" | "published" | "returned" | "superseded";
                /** @description published: the catalog everyone sees; mine: your department's entries in every state; review: the bureau's queue; all: every entry's working version (bureau, auditor) */
                scope?: "published" | "mine" | "review" | "all";
                sort?: "relevance" | "updated" | "name" | "code";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 成功 Success */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                };
            };
        };
    };
    "catalog.import.start": {
        parameters: {
            query?: {
                fileName?: string;
                /** @description draft; submit for review; publish at once (bureau only, for migrating an existing catalog) */
                stage?: "draft" | "submit" | "publish";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        jobId: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.show": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
