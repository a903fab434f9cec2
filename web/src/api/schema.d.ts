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
        /** 校验审计链 Walk the hash chain, against itself and the checkpoints kept outside the database, and report the first bad row (auditor) */
        get: operations["audit.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计检查点 The checkpoints this server wrote outside the database, oldest first, to copy away (auditor) */
        get: operations["audit.checkpoints"];
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
    "/api/v1/catalog/resources/{id}/mounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 挂载资源 Mount a table, file or API under a published catalog entry */
        post: operations["gathering.mount.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 挂载资源列表 Mounted resources (filter by entry, department, kind, overdue) */
        get: operations["gathering.mount.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 挂载资源详情 One mount */
        get: operations["gathering.mount.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导入记录 Ingest runs of a mount, newest first */
        get: operations["gathering.run.list"];
        put?: never;
        /**
         * 上传数据并导入 Stream a file into a table mount (replace or upsert); the body is the file
         * @description Send the file as the request body (any content type). Answers when the run has ended: succeeded, rejected (over the quality threshold) or failed. mode=delete removes the rows whose keys the file lists. With an Idempotency-Key header (an exchange agent’s batch), the same key, body and parameters (mode, format, encoding, filename, mapping) answer the stored run again (header Idempotent-Replay: true), and the same key with another body or other parameters is refused (409).
         */
        post: operations["gathering.run.start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导入进度与质量报告 One run: progress while it runs, the quality report after */
        get: operations["gathering.run.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 取消导入 Ask a running import to stop; the previous version stays */
        post: operations["gathering.run.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 文件版本 Versions of a file mount */
        get: operations["gathering.file.list"];
        put?: never;
        /** 上传文件新版本 Store a new version of a file mount; the body is the file */
        post: operations["gathering.file.upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts/{id}/call": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 调用挂载接口 Call a mounted upstream API through the platform (allow-listed hosts only) */
        post: operations["gathering.api.call"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/rejects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 不合格记录 The rows a run rejected, as CSV (row, column, value, reason); values masked but for the provider */
        get: operations["gathering.run.rejects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts/{id}/files/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载文件 One version of a file mount (the latest by default) */
        get: operations["gathering.file.download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 基础库 The base databases: fields, conflict rule, record counts, feeds and last merge */
        get: operations["bases.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bases/{base}": {
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
        /** 设置基础库 Choose how a base resolves conflicting sources (newest or most authoritative) and link its catalog entry (the bureau) */
        patch: operations["bases.base.update"];
        trace?: never;
    };
    "/api/v1/bases/{base}/feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 基础库数据来源 The feeds of a base: which mounts feed which fields, with priority and merge progress */
        get: operations["bases.feed.list"];
        put?: never;
        /** 添加数据来源 Feed a base from a department’s table mount (the bureau); merges what the mount already holds */
        post: operations["bases.feed.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bases/{base}/feeds/{id}": {
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
        /** 修改数据来源 Change a feed’s field map, priority or enabled flag (applies to later merges; re-merge to apply to all rows) */
        patch: operations["bases.feed.update"];
        trace?: never;
    };
    "/api/v1/bases/{base}/feeds/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 合并数据来源 Merge a feed’s new rows into the base now (full: every row of the mount again) */
        post: operations["bases.feed.merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bases/{base}/feeds/{id}/remerge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重新合并数据来源 Merge every row of a feed’s mount again, as a job (after a field map or priority change) */
        post: operations["bases.feed.remerge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bases/{base}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 浏览基础库记录 A page of golden records, in key order or by a prefix of the name; masked like a lookup; audited */
        get: operations["bases.record.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bases/{base}/records/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 查询基础库记录 One golden record by key, each field with its source; personal data masked; every lookup audited */
        get: operations["bases.record.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 共享申请列表 Requests: my department’s, awaiting the bureau’s check, or awaiting my review as provider */
        get: operations["sharing.request.list"];
        put?: never;
        /** 提交共享申请 File a request for a conditional resource: purpose, basis, the items needed, period, delivery */
        post: operations["sharing.request.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 共享申请详情 One request */
        get: operations["sharing.request.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/requests/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 符合性审查 The bureau passes a request to the provider, or returns it with a reason */
        post: operations["sharing.request.check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/requests/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提供方审核 The provider approves (possibly with fewer items or a narrower filter) or rejects with a reason */
        post: operations["sharing.request.review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/requests/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 撤回共享申请 The requesting department withdraws a request not yet decided */
        post: operations["sharing.request.withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 共享授权列表 Grants my department holds (consumer), has given (provider), or all (the bureau, auditors) */
        get: operations["sharing.grant.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/grants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 共享授权详情 One grant */
        get: operations["sharing.grant.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/grants/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 撤销共享授权 The provider or the bureau revokes a grant; it stops working at the next call */
        post: operations["sharing.grant.revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/grants/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解除暂停 The provider lets a consumer whose unconditional grant it revoked use the resource again (its next use makes a new grant) */
        post: operations["sharing.grant.lift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/share/{resource}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 共享数据接口 A page of a granted resource’s records: the grant’s items and rows, masked as granted; every call logged */
        get: operations["sharing.records.read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/share/{resource}/records/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 按键查询共享数据 One record of a granted resource by its key (an ID number, a credit code…) or, when the key is masked, by its ref; masked as granted; logged */
        get: operations["sharing.records.lookup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 工作日历 A year’s exceptions to Monday–Friday: holidays on weekdays and make-up working weekends */
        get: operations["sharing.calendar.list"];
        /** 维护工作日历 Set days of the working-day calendar (the bureau); a day set as Monday–Friday would have it loses its exception */
        put: operations["sharing.calendar.set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 调用日志 The share API’s delivery log: who took which data under which grant, and how many rows */
        get: operations["sharing.call.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/calls/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 校验调用日志 Recompute every sealed batch of the call log; names the first altered one */
        get: operations["sharing.call.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/share/{resource}/call": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 共享接口代理 Call a granted resource’s upstream API through the platform: only granted items come back, masked; logged */
        post: operations["sharing.api.call"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mounts/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 数据预览 The first rows of a table mount: the provider’s own unmasked, the bureau’s masked, another department’s only under an active grant (logged) */
        get: operations["gathering.mount.preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 数据异议列表 Objections my department raised, about my department’s resources (provider), or all (the bureau, auditors) */
        get: operations["sharing.objection.list"];
        put?: never;
        /** 提出数据异议 A department holding a grant says a record is wrong: which items, and why */
        post: operations["sharing.objection.raise"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/objections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 数据异议详情 One objection */
        get: operations["sharing.objection.show"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/objections/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 受理数据异议 The provider’s administrators accept an objection for verification */
        post: operations["sharing.objection.accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/objections/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 答复数据异议 The provider answers an accepted objection (corrected, or not an error); the mark is removed and it is archived */
        post: operations["sharing.objection.answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 订阅列表 My department’s subscriptions, or every department’s (the bureau, auditors) */
        get: operations["sharing.subscription.list"];
        put?: never;
        /** 订阅资源更新 Subscribe to a granted resource: a notification per new version or upsert batch, and a signed webhook if a URL is given */
        post: operations["sharing.subscription.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 订阅详情 One subscription */
        get: operations["sharing.subscription.show"];
        put?: never;
        post?: never;
        /** 取消订阅 Cancel a subscription: no further notifications; webhook deliveries not yet made are given up */
        delete: operations["sharing.subscription.cancel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook 推送记录 A subscription’s webhook deliveries, each with every attempt (status, HTTP status, error) */
        get: operations["sharing.subscription.deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 订阅通知 My department’s notifications of new versions and batches of subscribed resources, newest first */
        get: operations["sharing.notification.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 标记通知已读 Mark some, or all, of my department’s notifications read */
        post: operations["sharing.notification.read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/share/{resource}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 导出共享数据文件 A granted resource as a CSV or XLSX file: the grant’s items and rows, masked as granted, watermarked per export; recorded and logged before the first byte
         * @description Streams the file. CSV: UTF-8 with BOM, header = item names, RFC 4180. XLSX: one sheet, every cell text. The header x-jutong-export carries the export number.
         */
        get: operations["sharing.export.download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 文件导出记录 Exports my department made (consumer) or made of its resources (provider); all of them for the bureau and auditors */
        get: operations["sharing.export.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/share/{resource}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 库表同步变更 A granted resource’s changes for an exchange agent: a snapshot first, then each published run’s upserts and deletes */
        get: operations["sharing.records.changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sharing/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 调用统计 A resource’s calls and records served per day and per consumer department, over the last n days */
        get: operations["sharing.usage.show"];
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
    "/api/v1/sharing/exports/trace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 追溯泄露文件 Name the export a file came from by its watermark: grant, consumer department, who and when. Every trace is audited
         * @description Send the file as the request body (CSV or TSV in UTF-8, GBK or GB18030; XLSX). For the bureau, auditors and the provider department’s administrators (their own resources’ exports).
         */
        post: operations["sharing.export.trace"];
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
            masking: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "year" | "full";
            /**
             * @description the identifier this element can be read off (出生日期, 性别 from a 公民身份号码) and its mask while that identifier is masked in the same record
             * @default null
             */
            derivation: {
                /** @enum {string} */
                from: "citizen-id" | "credit-code";
                /** @enum {string} */
                masking: "year" | "full";
            } | null;
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
        MountInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
            /** @enum {string} */
            kind: "table" | "file" | "api";
            name: string;
            /** @enum {string} */
            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
            currentVersion: number;
            rowCount: number | null;
            lastSuccessAt: string | null;
            dueAt: string | null;
            overdueSince: string | null;
            createdAt: string;
            table: {
                columns: {
                    item: string;
                    column: string;
                    /** @enum {string} */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    length: number | null;
                    dataElement: string | null;
                    key: boolean;
                }[];
                /** @description largest rejected fraction with which a run may still publish */
                rejectThreshold: number;
            } | null;
            api: {
                /** @description empty for callers outside the provider, the bureau and auditors */
                url: string;
                /**
                 * @default GET
                 * @enum {string}
                 */
                method: "GET" | "POST";
                /** @default [] */
                params: {
                    name: string;
                    /**
                     * @default query
                     * @enum {string}
                     */
                    in: "query" | "header" | "body";
                    /** @default false */
                    required: boolean;
                    description?: string;
                }[];
                /** @default [] */
                responseFields: {
                    name: string;
                    /**
                     * @default string
                     * @enum {string}
                     */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    description?: string;
                }[];
                /** @default 10000 */
                timeoutMs: number;
            } | null;
        };
        MountListedInput: {
            /** @description null for another department’s mount: its rows are reached through a grant of the resource (the share API) */
            id: string | null;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
            /** @enum {string} */
            kind: "table" | "file" | "api";
            name: string;
            /** @enum {string} */
            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
            currentVersion: number;
            rowCount: number | null;
            lastSuccessAt: string | null;
            dueAt: string | null;
            overdueSince: string | null;
            createdAt: string;
            table: {
                columns: {
                    item: string;
                    column: string;
                    /** @enum {string} */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    length: number | null;
                    dataElement: string | null;
                    key: boolean;
                }[];
                /** @description largest rejected fraction with which a run may still publish */
                rejectThreshold: number;
            } | null;
            api: {
                /** @description empty for callers outside the provider, the bureau and auditors */
                url: string;
                /**
                 * @default GET
                 * @enum {string}
                 */
                method: "GET" | "POST";
                /** @default [] */
                params: {
                    name: string;
                    /**
                     * @default query
                     * @enum {string}
                     */
                    in: "query" | "header" | "body";
                    /** @default false */
                    required: boolean;
                    description?: string;
                }[];
                /** @default [] */
                responseFields: {
                    name: string;
                    /**
                     * @default string
                     * @enum {string}
                     */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    description?: string;
                }[];
                /** @default 10000 */
                timeoutMs: number;
            } | null;
        };
        QualityInput: {
            rowsRead: number;
            rowsLoaded: number;
            rowsRejected: number;
            duplicateKeys: number;
            /** @description 0–100: 40 completeness + 40 validity + 20 accepted rows */
            score: number;
            items: {
                item: string;
                filled: number;
                valid: number;
                invalid: number;
                /** @description estimated (HyperLogLog, ±1%) */
                distinct: number;
                completeness: number;
                validity: number;
                uniqueness: number;
            }[];
            unmappedColumns: string[];
            missingItems: string[];
        };
        IngestRunInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            mountId: string;
            /** @enum {string} */
            mode: "replace" | "upsert" | "delete";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed" | "cancelled" | "rejected";
            format: string | null;
            encoding: string | null;
            filename: string | null;
            bytesRead: number;
            bytesTotal: number | null;
            rowsRead: number;
            rowsLoaded: number;
            rowsRejected: number;
            version: number | null;
            quality: components["schemas"]["QualityInput"] | null;
            hasRejects: boolean;
            error: string | null;
            startedAt: string;
            finishedAt: string | null;
            startedBy: string | null;
        };
        PreviewInput: {
            columns: {
                item: string;
                /** @enum {string} */
                type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                masking: string;
            }[];
            rows: (string | null)[][];
            masked: boolean;
            version: number;
            total: number;
        };
        FileVersionInput: {
            version: number;
            filename: string;
            contentType: string;
            size: number;
            sha256: string;
            sm3: string;
            createdAt: string;
        };
        /** @description 行筛选条件：信息项、运算符、值，可用 and/or 组合 */
        RowFilterInput: {
            and: components["schemas"]["RowFilterInput"][];
        } | {
            or: components["schemas"]["RowFilterInput"][];
        } | {
            /** @description 信息项名称 */
            field: string;
            /**
             * @description 运算符：prefix 为前缀匹配（仅文本）；ne 表示有值且不等于
             * @enum {string}
             */
            op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "in" | "prefix" | "isNull" | "notNull";
            /** @description 比较的值；in 为列表；isNull/notNull 不带值 */
            value?: string | number | boolean | (string | number)[] | null;
        };
        ShareRequestCreateInput: {
            /** Format: uuid */
            resourceId: string;
            /** @description 申请用途：办理什么业务、为什么需要 */
            purpose: string;
            /** @description 法律法规或政策依据 */
            legalBasis: string;
            /** @description 申请的信息项（名称），最小够用 */
            items: string[];
            /** @default null */
            rowFilter: components["schemas"]["RowFilterInput"] | null;
            /**
             * @description 交付方式：接口 api、文件 file、库表 table
             * @enum {string}
             */
            delivery: "api" | "file" | "table";
            useFrom: string;
            useTo: string;
        };
        ShareRequestInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            requester: string | null;
            purpose: string;
            legalBasis: string;
            items: string[];
            rowFilter: components["schemas"]["RowFilterInput"] | null;
            /**
             * @description 交付方式：接口 api、文件 file、库表 table
             * @enum {string}
             */
            delivery: "api" | "file" | "table";
            useFrom: string;
            useTo: string;
            /** @enum {string} */
            status: "submitted" | "checked" | "approved" | "rejected" | "returned" | "withdrawn";
            submittedAt: string;
            checkDue: string;
            checkedAt: string | null;
            reviewDue: string | null;
            decidedAt: string | null;
            reason: string | null;
            grantId: string | null;
            /** @description the step it waits on is past its deadline (working days, the bureau calendar) */
            overdue: boolean;
        };
        ShareCheckDecisionInput: {
            /** @enum {string} */
            decision: "pass" | "return";
            reason?: string;
        };
        ShareReviewDecisionInput: {
            /** @enum {string} */
            decision: "approve" | "reject";
            reason?: string;
            /** @description approve with fewer items: a subset of those requested */
            items?: string[];
            /** @description approve with a narrower filter: added to the requested one (both hold) */
            rowFilter?: components["schemas"]["RowFilterInput"] | null;
            /**
             * @description items delivered unmasked; every other item keeps its data element’s mask
             * @default []
             */
            unmasked: string[];
            /** @default 10000 */
            callsPerDay: number;
            /** @default 600 */
            callsPerMinute: number;
        };
        ShareGrantInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            requestId: string | null;
            /** @enum {string} */
            origin: "unconditional" | "request";
            purpose: string;
            items: string[];
            rowFilter: components["schemas"]["RowFilterInput"] | null;
            unmasked: string[];
            delivery: ("api" | "file" | "table")[];
            callsPerDay: number;
            callsPerMinute: number;
            expiresAt: string;
            revokedAt: string | null;
            revokeReason: string | null;
            /** @description a revoked unconditional grant: its consumer may not use the resource until the provider lifts the suspension (POST …/lift) */
            suspended: boolean;
            liftedAt: string | null;
            createdAt: string;
            /** @enum {string} */
            state: "active" | "expired" | "revoked";
        };
        ShareGrantRevokeInput: {
            reason: string;
        };
        SharedRecordInput: {
            /** @description the record’s reference: names it (in an objection, a later lookup) without showing a masked key */
            ref: string | null;
            /** @description a consumer has an open objection to this record (数据异议) */
            disputed: boolean;
            /** @description item name → value, masked where `fields` says so */
            values: {
                [key: string]: string | null;
            };
        };
        ShareRecordsPageInput: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            version: number;
            fields: {
                item: string;
                masked: boolean;
            }[];
            records: components["schemas"]["SharedRecordInput"][];
            /** @description pass as `after` for the next page; null on the last page */
            next: string | null;
        };
        ShareRecordInput: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            fields: {
                item: string;
                masked: boolean;
            }[];
            record: components["schemas"]["SharedRecordInput"];
        };
        WorkCalendarDayInput: {
            /**
             * Format: date
             * @description YYYY-MM-DD, a calendar day in Asia/Shanghai
             */
            day: string;
            /** @description false: a holiday on a weekday · true: a make-up working Saturday or Sunday (调休上班) */
            workday: boolean;
            note: string;
        };
        WorkCalendarInput: {
            year: number;
            days: components["schemas"]["WorkCalendarDayInput"][];
        };
        ShareCallInput: {
            seq: number;
            at: string;
            /** Format: uuid */
            grantId: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            actor: string;
            channel: string;
            purpose: string;
            query: unknown;
            rows: number;
            ip: string | null;
            /** @description the sealed batch that holds it; null until sealed (within seconds) */
            batch: number | null;
        };
        ShareCallSealCheckInput: {
            ok: boolean;
            seals: number;
            calls?: number;
            badBatch?: number;
            reason?: string;
            /** @description how many checkpoints of the call log the seals were checked against */
            checkpoints: number;
            /** @description the last seal moved to an archive file (jutong audit archive); the chain in the database starts after it */
            archivedTo?: number;
        };
        ShareObjectionCreateInput: {
            /** Format: uuid */
            resourceId: string;
            /** @description the record’s key value, when the grant lets the consumer see it */
            key?: string;
            /** @description the record’s opaque reference (`_ref`) as the share API returned it; for a consumer whose grant masks the key */
            ref?: string;
            /** @description the items (names) that are wrong */
            items: string[];
            /** @description what is wrong and why (the evidence) */
            reason: string;
        };
        ShareObjectionAnswerInput: {
            /**
             * @description corrected: the data was wrong and is corrected; not_error: verified, the data is right
             * @enum {string}
             */
            resolution: "corrected" | "not_error";
            /** @description what was verified and done */
            answer: string;
        };
        ShareObjectionInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            raisedBy: string | null;
            /** @description the item that identifies the record */
            keyItem: string;
            /** @description the record’s key: unmasked for the provider, masked by its data element for everyone else */
            record: string;
            recordMasked: boolean;
            items: string[];
            reason: string;
            /** @enum {string} */
            status: "raised" | "accepted" | "archived";
            raisedAt: string;
            /** @description the provider answers by then (working days, the bureau calendar) */
            dueAt: string;
            acceptedAt: string | null;
            answeredAt: string | null;
            resolution: ("corrected" | "not_error") | null;
            answer: string | null;
            /** @description not yet answered and past its deadline */
            overdue: boolean;
        };
        ShareChangesPageInput: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            fields: {
                item: string;
                masked: boolean;
            }[];
            /** @description a snapshot starts here: the pages up to the one with more = false hold every row; rows of yours they do not deliver are to be deleted then */
            reset: boolean;
            upserts: {
                /** @description the record’s reference: names it (in an objection, a later lookup) without showing a masked key */
                ref: string | null;
                /** @description item name → value, masked where `fields` says so */
                values: {
                    [key: string]: string | null;
                };
            }[];
            /** @description references of records to delete — apply them before the upserts of the same page (a key deleted and then added again appears in both) */
            deletes: string[];
            /** @description pass as `since` for the next page */
            next: string;
            /** @description false: caught up (at the end of a snapshot: the snapshot is complete) */
            more: boolean;
        };
        ShareExportInput: {
            /** @description the export number, carried by the file’s watermark */
            seq: number;
            /** Format: uuid */
            id: string;
            exportedAt: string;
            /** @enum {string} */
            format: "csv" | "xlsx";
            /** @description rows inside the grant’s and the caller’s filters when the export began */
            rows: number;
            fields: string[];
            filter: components["schemas"]["RowFilterInput"] | null;
            filename: string;
            /** @description the mount’s version read */
            version: number | null;
            actor: string;
            /** Format: uuid */
            grantId: string;
            purpose: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
        };
        ShareExportTraceInput: {
            /** @constant */
            found: true;
            export: components["schemas"]["ShareExportInput"];
            /**
             * @description payload: verified zero-width marks; statistical: keyed trailing spaces
             * @enum {string}
             */
            method: "payload" | "statistical";
            /** @description 1 − the chance of evidence this strong from an export that did not make the file */
            confidence: number;
            /** @description evidence: rows with a verified mark, or distinct text values scored */
            units: number;
            matched: number;
            /** @description exports compared */
            candidates: number;
            /** @description data rows of the file read */
            rowsRead: number;
        } | {
            /** @constant */
            found: false;
            candidates: number;
            rowsRead: number;
        };
        ShareSubscriptionCreateInput: {
            /**
             * Format: uuid
             * @description an active grant held by my department
             */
            grantId: string;
            webhookUrl?: string | null;
        };
        ShareSubscriptionInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            grantId: string;
            /** @enum {string} */
            grantState: "active" | "expired" | "revoked";
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            webhookUrl: string | null;
            /** @enum {string} */
            state: "active" | "cancelled";
            createdAt: string;
            cancelledAt: string | null;
            /** @description webhook deliveries by outcome (pending counts those awaiting a retry) */
            deliveries: {
                pending: number;
                succeeded: number;
                gaveUp: number;
            };
        };
        ShareSubscriptionCreatedInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            grantId: string;
            /** @enum {string} */
            grantState: "active" | "expired" | "revoked";
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            webhookUrl: string | null;
            /** @enum {string} */
            state: "active" | "cancelled";
            createdAt: string;
            cancelledAt: string | null;
            /** @description webhook deliveries by outcome (pending counts those awaiting a retry) */
            deliveries: {
                pending: number;
                succeeded: number;
                gaveUp: number;
            };
            /** @description the webhook signing secret, shown this once (null without a webhook): X-Jutong-Signature = sha256=HMAC-SHA256(secret, timestamp + "." + body) */
            secret: string | null;
        };
        ShareNotificationInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            subscriptionId: string;
            /**
             * @description resource.version: a replace made a new version · resource.batch: an upsert batch
             * @enum {string}
             */
            event: "resource.version" | "resource.batch";
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            version: number | null;
            runId: string | null;
            /** @description rows the run loaded (the whole batch); null when the grant has a row filter, whose holder is told nothing of the rows outside it */
            rows: number | null;
            at: string;
            readAt: string | null;
        };
        ShareNotificationListInput: {
            items: components["schemas"]["ShareNotificationInput"][];
            total: number;
            /** @description unread notifications of my department */
            unread: number;
        };
        ShareNotificationsReadInput: {
            /** @description the notifications to mark read */
            ids?: string[];
            /** @description true: mark every unread notification of my department read */
            all?: boolean;
        };
        ShareWebhookDeliveryInput: {
            /**
             * Format: uuid
             * @description also the notification’s id, the body’s id and X-Jutong-Delivery
             */
            id: string;
            /**
             * @description resource.version: a replace made a new version · resource.batch: an upsert batch
             * @enum {string}
             */
            event: "resource.version" | "resource.batch";
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "gave_up";
            attempts: number;
            /** @description when the next attempt is due; null when finished */
            nextAt: string | null;
            lastStatus: number | null;
            lastError: string | null;
            createdAt: string;
            finishedAt: string | null;
            /** @description every attempt, oldest first */
            log: {
                attempt: number;
                at: string;
                durationMs: number;
                httpStatus: number | null;
                error: string | null;
                /** @enum {string} */
                outcome: "succeeded" | "retry" | "gave_up";
            }[];
        };
        ShareUsageInput: {
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /**
             * @description all: every consumer department (provider, bureau, auditors) · own: only the caller’s department (a consumer)
             * @enum {string}
             */
            scope: "all" | "own";
            /** @description the first day counted, YYYY-MM-DD in Asia/Shanghai */
            from: string;
            /** @description the last day counted (today) */
            to: string;
            totals: {
                calls: number;
                /** @description records served */
                rows: number;
                /** @description consumer departments that called in the period */
                consumers: number;
            };
            /** @description every day of the period, oldest first, days without calls as zeros */
            byDay: {
                day: string;
                calls: number;
                /** @description records served */
                rows: number;
            }[];
            /** @description consumer departments that called in the period, most calls first */
            byConsumer: {
                /** Format: uuid */
                departmentId: string;
                departmentName: string;
                calls: number;
                /** @description records served */
                rows: number;
                lastAt: string;
            }[];
        };
        BaseMergeCountsInput: {
            /** @description source rows not merged before (written by runs after the last merge) */
            considered: number;
            /** @description of those, rows without a well-formed key */
            skipped: number;
            inserted: number;
            updated: number;
            unchanged: number;
            fromRun: number;
            toRun: number;
            ms: number;
        };
        BaseFeedInput: {
            id: number;
            /**
             * @description population 人口库 · legal_entity 法人库 · license 电子证照库
             * @enum {string}
             */
            base: "population" | "legal_entity" | "license";
            /** Format: uuid */
            mountId: string;
            mountName: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
            fieldMap: {
                [key: string]: string;
            };
            priority: number;
            enabled: boolean;
            /** @description the last ingest run (seq) of the mount merged into the base */
            mergedRun: number;
            mergedAt: string | null;
            lastMerge: components["schemas"]["BaseMergeCountsInput"] | null;
            createdAt: string;
        };
        BaseInput: {
            /**
             * @description population 人口库 · legal_entity 法人库 · license 电子证照库
             * @enum {string}
             */
            name: "population" | "legal_entity" | "license";
            label: string;
            table: string;
            /**
             * @description newest: the value from the most recently published run wins · authority: the source with the highest priority wins
             * @enum {string}
             */
            rule: "newest" | "authority";
            /** @description the catalog entry departments request to read the base */
            resourceId: string | null;
            records: number;
            key: string;
            fields: {
                name: string;
                label: string;
                /** @enum {string} */
                type: "text" | "date" | "numeric";
                /** @enum {string} */
                masking: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "year" | "full";
                element: string | null;
                key: boolean;
            }[];
            feeds: components["schemas"]["BaseFeedInput"][];
            lastMergeAt: string | null;
            updatedAt: string;
        };
        BaseSourceInput: {
            /** @description the ingest run (seq) that delivered the value */
            run: number;
            /** Format: uuid */
            runId: string;
            /** @description when that run was published */
            at: string;
            /** Format: uuid */
            mountId: string;
            feedId: number | null;
            /** @description the feed’s priority now */
            priority: number | null;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
        };
        BaseRecordInput: {
            /**
             * @description population 人口库 · legal_entity 法人库 · license 电子证照库
             * @enum {string}
             */
            base: "population" | "legal_entity" | "license";
            /** @description masked like the key field unless you may see it */
            key: string;
            fields: {
                field: string;
                label: string;
                value: string | null;
                masked: boolean;
                source: components["schemas"]["BaseSourceInput"] | null;
            }[];
            createdAt: string;
            updatedAt: string;
        };
        BaseRecordListInput: {
            items: {
                key: string;
                values: {
                    [key: string]: string | null;
                };
                updatedAt: string;
            }[];
            total: number;
            /** @description true when more records match than were counted (10,000) */
            totalCapped: boolean;
            /** @description the fields shown masked */
            masked: string[];
        };
        ShareApiAnswerInput: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            /** @description the upstream’s HTTP status */
            status: number;
            fields: {
                item: string;
                masked: boolean;
            }[];
            /** @description the upstream’s JSON answer with only granted items, masked */
            body: unknown;
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
            masking: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "year" | "full";
            /**
             * @description the identifier this element can be read off (出生日期, 性别 from a 公民身份号码) and its mask while that identifier is masked in the same record
             * @default null
             */
            derivation: {
                /** @enum {string} */
                from: "citizen-id" | "credit-code";
                /** @enum {string} */
                masking: "year" | "full";
            } | null;
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
        Mount: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
            /** @enum {string} */
            kind: "table" | "file" | "api";
            name: string;
            /** @enum {string} */
            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
            currentVersion: number;
            rowCount: number | null;
            lastSuccessAt: string | null;
            dueAt: string | null;
            overdueSince: string | null;
            createdAt: string;
            table: {
                columns: {
                    item: string;
                    column: string;
                    /** @enum {string} */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    length: number | null;
                    dataElement: string | null;
                    key: boolean;
                }[];
                /** @description largest rejected fraction with which a run may still publish */
                rejectThreshold: number;
            } | null;
            api: {
                /** @description empty for callers outside the provider, the bureau and auditors */
                url: string;
                /**
                 * @default GET
                 * @enum {string}
                 */
                method: "GET" | "POST";
                /** @default [] */
                params: {
                    name: string;
                    /**
                     * @default query
                     * @enum {string}
                     */
                    in: "query" | "header" | "body";
                    /** @default false */
                    required: boolean;
                    description?: string;
                }[];
                /** @default [] */
                responseFields: {
                    name: string;
                    /**
                     * @default string
                     * @enum {string}
                     */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    description?: string;
                }[];
                /** @default 10000 */
                timeoutMs: number;
            } | null;
        };
        MountListed: {
            /** @description null for another department’s mount: its rows are reached through a grant of the resource (the share API) */
            id: string | null;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
            /** @enum {string} */
            kind: "table" | "file" | "api";
            name: string;
            /** @enum {string} */
            updateCycle: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
            currentVersion: number;
            rowCount: number | null;
            lastSuccessAt: string | null;
            dueAt: string | null;
            overdueSince: string | null;
            createdAt: string;
            table: {
                columns: {
                    item: string;
                    column: string;
                    /** @enum {string} */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    length: number | null;
                    dataElement: string | null;
                    key: boolean;
                }[];
                /** @description largest rejected fraction with which a run may still publish */
                rejectThreshold: number;
            } | null;
            api: {
                /** @description empty for callers outside the provider, the bureau and auditors */
                url: string;
                /**
                 * @default GET
                 * @enum {string}
                 */
                method: "GET" | "POST";
                /** @default [] */
                params: {
                    name: string;
                    /**
                     * @default query
                     * @enum {string}
                     */
                    in: "query" | "header" | "body";
                    /** @default false */
                    required: boolean;
                    description?: string;
                }[];
                /** @default [] */
                responseFields: {
                    name: string;
                    /**
                     * @default string
                     * @enum {string}
                     */
                    type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                    description?: string;
                }[];
                /** @default 10000 */
                timeoutMs: number;
            } | null;
        };
        Quality: {
            rowsRead: number;
            rowsLoaded: number;
            rowsRejected: number;
            duplicateKeys: number;
            /** @description 0–100: 40 completeness + 40 validity + 20 accepted rows */
            score: number;
            items: {
                item: string;
                filled: number;
                valid: number;
                invalid: number;
                /** @description estimated (HyperLogLog, ±1%) */
                distinct: number;
                completeness: number;
                validity: number;
                uniqueness: number;
            }[];
            unmappedColumns: string[];
            missingItems: string[];
        };
        IngestRun: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            mountId: string;
            /** @enum {string} */
            mode: "replace" | "upsert" | "delete";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed" | "cancelled" | "rejected";
            format: string | null;
            encoding: string | null;
            filename: string | null;
            bytesRead: number;
            bytesTotal: number | null;
            rowsRead: number;
            rowsLoaded: number;
            rowsRejected: number;
            version: number | null;
            quality: components["schemas"]["Quality"] | null;
            hasRejects: boolean;
            error: string | null;
            startedAt: string;
            finishedAt: string | null;
            startedBy: string | null;
        };
        Preview: {
            columns: {
                item: string;
                /** @enum {string} */
                type: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                masking: string;
            }[];
            rows: (string | null)[][];
            masked: boolean;
            version: number;
            total: number;
        };
        FileVersion: {
            version: number;
            filename: string;
            contentType: string;
            size: number;
            sha256: string;
            sm3: string;
            createdAt: string;
        };
        /** @description 行筛选条件：信息项、运算符、值，可用 and/or 组合 */
        RowFilter: {
            and: components["schemas"]["RowFilter"][];
        } | {
            or: components["schemas"]["RowFilter"][];
        } | {
            /** @description 信息项名称 */
            field: string;
            /**
             * @description 运算符：prefix 为前缀匹配（仅文本）；ne 表示有值且不等于
             * @enum {string}
             */
            op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "in" | "prefix" | "isNull" | "notNull";
            /** @description 比较的值；in 为列表；isNull/notNull 不带值 */
            value?: string | number | boolean | (string | number)[] | null;
        };
        ShareRequestCreate: {
            /** Format: uuid */
            resourceId: string;
            /** @description 申请用途：办理什么业务、为什么需要 */
            purpose: string;
            /** @description 法律法规或政策依据 */
            legalBasis: string;
            /** @description 申请的信息项（名称），最小够用 */
            items: string[];
            /** @default null */
            rowFilter: components["schemas"]["RowFilter"] | null;
            /**
             * @description 交付方式：接口 api、文件 file、库表 table
             * @enum {string}
             */
            delivery: "api" | "file" | "table";
            useFrom: string;
            useTo: string;
        };
        ShareRequest: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            requester: string | null;
            purpose: string;
            legalBasis: string;
            items: string[];
            rowFilter: components["schemas"]["RowFilter"] | null;
            /**
             * @description 交付方式：接口 api、文件 file、库表 table
             * @enum {string}
             */
            delivery: "api" | "file" | "table";
            useFrom: string;
            useTo: string;
            /** @enum {string} */
            status: "submitted" | "checked" | "approved" | "rejected" | "returned" | "withdrawn";
            submittedAt: string;
            checkDue: string;
            checkedAt: string | null;
            reviewDue: string | null;
            decidedAt: string | null;
            reason: string | null;
            grantId: string | null;
            /** @description the step it waits on is past its deadline (working days, the bureau calendar) */
            overdue: boolean;
        };
        ShareCheckDecision: {
            /** @enum {string} */
            decision: "pass" | "return";
            reason?: string;
        };
        ShareReviewDecision: {
            /** @enum {string} */
            decision: "approve" | "reject";
            reason?: string;
            /** @description approve with fewer items: a subset of those requested */
            items?: string[];
            /** @description approve with a narrower filter: added to the requested one (both hold) */
            rowFilter?: components["schemas"]["RowFilter"] | null;
            /**
             * @description items delivered unmasked; every other item keeps its data element’s mask
             * @default []
             */
            unmasked: string[];
            /** @default 10000 */
            callsPerDay: number;
            /** @default 600 */
            callsPerMinute: number;
        };
        ShareGrant: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            requestId: string | null;
            /** @enum {string} */
            origin: "unconditional" | "request";
            purpose: string;
            items: string[];
            rowFilter: components["schemas"]["RowFilter"] | null;
            unmasked: string[];
            delivery: ("api" | "file" | "table")[];
            callsPerDay: number;
            callsPerMinute: number;
            expiresAt: string;
            revokedAt: string | null;
            revokeReason: string | null;
            /** @description a revoked unconditional grant: its consumer may not use the resource until the provider lifts the suspension (POST …/lift) */
            suspended: boolean;
            liftedAt: string | null;
            createdAt: string;
            /** @enum {string} */
            state: "active" | "expired" | "revoked";
        };
        ShareGrantRevoke: {
            reason: string;
        };
        SharedRecord: {
            /** @description the record’s reference: names it (in an objection, a later lookup) without showing a masked key */
            ref: string | null;
            /** @description a consumer has an open objection to this record (数据异议) */
            disputed: boolean;
            /** @description item name → value, masked where `fields` says so */
            values: {
                [key: string]: string | null;
            };
        };
        ShareRecordsPage: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            version: number;
            fields: {
                item: string;
                masked: boolean;
            }[];
            records: components["schemas"]["SharedRecord"][];
            /** @description pass as `after` for the next page; null on the last page */
            next: string | null;
        };
        ShareRecord: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            fields: {
                item: string;
                masked: boolean;
            }[];
            record: components["schemas"]["SharedRecord"];
        };
        WorkCalendarDay: {
            /**
             * Format: date
             * @description YYYY-MM-DD, a calendar day in Asia/Shanghai
             */
            day: string;
            /** @description false: a holiday on a weekday · true: a make-up working Saturday or Sunday (调休上班) */
            workday: boolean;
            note: string;
        };
        WorkCalendar: {
            year: number;
            days: components["schemas"]["WorkCalendarDay"][];
        };
        ShareCall: {
            seq: number;
            at: string;
            /** Format: uuid */
            grantId: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            actor: string;
            channel: string;
            purpose: string;
            query: unknown;
            rows: number;
            ip: string | null;
            /** @description the sealed batch that holds it; null until sealed (within seconds) */
            batch: number | null;
        };
        ShareCallSealCheck: {
            ok: boolean;
            seals: number;
            calls?: number;
            badBatch?: number;
            reason?: string;
            /** @description how many checkpoints of the call log the seals were checked against */
            checkpoints: number;
            /** @description the last seal moved to an archive file (jutong audit archive); the chain in the database starts after it */
            archivedTo?: number;
        };
        ShareObjectionCreate: {
            /** Format: uuid */
            resourceId: string;
            /** @description the record’s key value, when the grant lets the consumer see it */
            key?: string;
            /** @description the record’s opaque reference (`_ref`) as the share API returned it; for a consumer whose grant masks the key */
            ref?: string;
            /** @description the items (names) that are wrong */
            items: string[];
            /** @description what is wrong and why (the evidence) */
            reason: string;
        };
        ShareObjectionAnswer: {
            /**
             * @description corrected: the data was wrong and is corrected; not_error: verified, the data is right
             * @enum {string}
             */
            resolution: "corrected" | "not_error";
            /** @description what was verified and done */
            answer: string;
        };
        ShareObjection: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            raisedBy: string | null;
            /** @description the item that identifies the record */
            keyItem: string;
            /** @description the record’s key: unmasked for the provider, masked by its data element for everyone else */
            record: string;
            recordMasked: boolean;
            items: string[];
            reason: string;
            /** @enum {string} */
            status: "raised" | "accepted" | "archived";
            raisedAt: string;
            /** @description the provider answers by then (working days, the bureau calendar) */
            dueAt: string;
            acceptedAt: string | null;
            answeredAt: string | null;
            resolution: ("corrected" | "not_error") | null;
            answer: string | null;
            /** @description not yet answered and past its deadline */
            overdue: boolean;
        };
        ShareChangesPage: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            fields: {
                item: string;
                masked: boolean;
            }[];
            /** @description a snapshot starts here: the pages up to the one with more = false hold every row; rows of yours they do not deliver are to be deleted then */
            reset: boolean;
            upserts: {
                /** @description the record’s reference: names it (in an objection, a later lookup) without showing a masked key */
                ref: string | null;
                /** @description item name → value, masked where `fields` says so */
                values: {
                    [key: string]: string | null;
                };
            }[];
            /** @description references of records to delete — apply them before the upserts of the same page (a key deleted and then added again appears in both) */
            deletes: string[];
            /** @description pass as `since` for the next page */
            next: string;
            /** @description false: caught up (at the end of a snapshot: the snapshot is complete) */
            more: boolean;
        };
        ShareExport: {
            /** @description the export number, carried by the file’s watermark */
            seq: number;
            /** Format: uuid */
            id: string;
            exportedAt: string;
            /** @enum {string} */
            format: "csv" | "xlsx";
            /** @description rows inside the grant’s and the caller’s filters when the export began */
            rows: number;
            fields: string[];
            filter: components["schemas"]["RowFilter"] | null;
            filename: string;
            /** @description the mount’s version read */
            version: number | null;
            actor: string;
            /** Format: uuid */
            grantId: string;
            purpose: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
        };
        ShareExportTrace: {
            /** @constant */
            found: true;
            export: components["schemas"]["ShareExport"];
            /**
             * @description payload: verified zero-width marks; statistical: keyed trailing spaces
             * @enum {string}
             */
            method: "payload" | "statistical";
            /** @description 1 − the chance of evidence this strong from an export that did not make the file */
            confidence: number;
            /** @description evidence: rows with a verified mark, or distinct text values scored */
            units: number;
            matched: number;
            /** @description exports compared */
            candidates: number;
            /** @description data rows of the file read */
            rowsRead: number;
        } | {
            /** @constant */
            found: false;
            candidates: number;
            rowsRead: number;
        };
        ShareSubscriptionCreate: {
            /**
             * Format: uuid
             * @description an active grant held by my department
             */
            grantId: string;
            webhookUrl: unknown;
        };
        ShareSubscription: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            grantId: string;
            /** @enum {string} */
            grantState: "active" | "expired" | "revoked";
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            webhookUrl: string | null;
            /** @enum {string} */
            state: "active" | "cancelled";
            createdAt: string;
            cancelledAt: string | null;
            /** @description webhook deliveries by outcome (pending counts those awaiting a retry) */
            deliveries: {
                pending: number;
                succeeded: number;
                gaveUp: number;
            };
        };
        ShareSubscriptionCreated: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            grantId: string;
            /** @enum {string} */
            grantState: "active" | "expired" | "revoked";
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            providerDepartmentName: string;
            /** Format: uuid */
            consumerDepartmentId: string;
            consumerDepartmentName: string;
            webhookUrl: string | null;
            /** @enum {string} */
            state: "active" | "cancelled";
            createdAt: string;
            cancelledAt: string | null;
            /** @description webhook deliveries by outcome (pending counts those awaiting a retry) */
            deliveries: {
                pending: number;
                succeeded: number;
                gaveUp: number;
            };
            /** @description the webhook signing secret, shown this once (null without a webhook): X-Jutong-Signature = sha256=HMAC-SHA256(secret, timestamp + "." + body) */
            secret: string | null;
        };
        ShareNotification: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            subscriptionId: string;
            /**
             * @description resource.version: a replace made a new version · resource.batch: an upsert batch
             * @enum {string}
             */
            event: "resource.version" | "resource.batch";
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            version: number | null;
            runId: string | null;
            /** @description rows the run loaded (the whole batch); null when the grant has a row filter, whose holder is told nothing of the rows outside it */
            rows: number | null;
            at: string;
            readAt: string | null;
        };
        ShareNotificationList: {
            items: components["schemas"]["ShareNotification"][];
            total: number;
            /** @description unread notifications of my department */
            unread: number;
        };
        ShareNotificationsRead: {
            /** @description the notifications to mark read */
            ids?: string[];
            /** @description true: mark every unread notification of my department read */
            all?: boolean;
        };
        ShareWebhookDelivery: {
            /**
             * Format: uuid
             * @description also the notification’s id, the body’s id and X-Jutong-Delivery
             */
            id: string;
            /**
             * @description resource.version: a replace made a new version · resource.batch: an upsert batch
             * @enum {string}
             */
            event: "resource.version" | "resource.batch";
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "gave_up";
            attempts: number;
            /** @description when the next attempt is due; null when finished */
            nextAt: string | null;
            lastStatus: number | null;
            lastError: string | null;
            createdAt: string;
            finishedAt: string | null;
            /** @description every attempt, oldest first */
            log: {
                attempt: number;
                at: string;
                durationMs: number;
                httpStatus: number | null;
                error: string | null;
                /** @enum {string} */
                outcome: "succeeded" | "retry" | "gave_up";
            }[];
        };
        ShareUsage: {
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            providerDepartmentId: string;
            providerDepartmentName: string;
            /**
             * @description all: every consumer department (provider, bureau, auditors) · own: only the caller’s department (a consumer)
             * @enum {string}
             */
            scope: "all" | "own";
            /** @description the first day counted, YYYY-MM-DD in Asia/Shanghai */
            from: string;
            /** @description the last day counted (today) */
            to: string;
            totals: {
                calls: number;
                /** @description records served */
                rows: number;
                /** @description consumer departments that called in the period */
                consumers: number;
            };
            /** @description every day of the period, oldest first, days without calls as zeros */
            byDay: {
                day: string;
                calls: number;
                /** @description records served */
                rows: number;
            }[];
            /** @description consumer departments that called in the period, most calls first */
            byConsumer: {
                /** Format: uuid */
                departmentId: string;
                departmentName: string;
                calls: number;
                /** @description records served */
                rows: number;
                lastAt: string;
            }[];
        };
        BaseMergeCounts: {
            /** @description source rows not merged before (written by runs after the last merge) */
            considered: number;
            /** @description of those, rows without a well-formed key */
            skipped: number;
            inserted: number;
            updated: number;
            unchanged: number;
            fromRun: number;
            toRun: number;
            ms: number;
        };
        BaseFeed: {
            id: number;
            /**
             * @description population 人口库 · legal_entity 法人库 · license 电子证照库
             * @enum {string}
             */
            base: "population" | "legal_entity" | "license";
            /** Format: uuid */
            mountId: string;
            mountName: string;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
            fieldMap: {
                [key: string]: string;
            };
            priority: number;
            enabled: boolean;
            /** @description the last ingest run (seq) of the mount merged into the base */
            mergedRun: number;
            mergedAt: string | null;
            lastMerge: components["schemas"]["BaseMergeCounts"] | null;
            createdAt: string;
        };
        Base: {
            /**
             * @description population 人口库 · legal_entity 法人库 · license 电子证照库
             * @enum {string}
             */
            name: "population" | "legal_entity" | "license";
            label: string;
            table: string;
            /**
             * @description newest: the value from the most recently published run wins · authority: the source with the highest priority wins
             * @enum {string}
             */
            rule: "newest" | "authority";
            /** @description the catalog entry departments request to read the base */
            resourceId: string | null;
            records: number;
            key: string;
            fields: {
                name: string;
                label: string;
                /** @enum {string} */
                type: "text" | "date" | "numeric";
                /** @enum {string} */
                masking: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "year" | "full";
                element: string | null;
                key: boolean;
            }[];
            feeds: components["schemas"]["BaseFeed"][];
            lastMergeAt: string | null;
            updatedAt: string;
        };
        BaseSource: {
            /** @description the ingest run (seq) that delivered the value */
            run: number;
            /** Format: uuid */
            runId: string;
            /** @description when that run was published */
            at: string;
            /** Format: uuid */
            mountId: string;
            feedId: number | null;
            /** @description the feed’s priority now */
            priority: number | null;
            /** Format: uuid */
            resourceId: string;
            resourceCode: string;
            resourceName: string;
            /** Format: uuid */
            departmentId: string;
            departmentName: string;
        };
        BaseRecord: {
            /**
             * @description population 人口库 · legal_entity 法人库 · license 电子证照库
             * @enum {string}
             */
            base: "population" | "legal_entity" | "license";
            /** @description masked like the key field unless you may see it */
            key: string;
            fields: {
                field: string;
                label: string;
                value: string | null;
                masked: boolean;
                source: components["schemas"]["BaseSource"] | null;
            }[];
            createdAt: string;
            updatedAt: string;
        };
        BaseRecordList: {
            items: {
                key: string;
                values: {
                    [key: string]: string | null;
                };
                updatedAt: string;
            }[];
            total: number;
            /** @description true when more records match than were counted (10,000) */
            totalCapped: boolean;
            /** @description the fields shown masked */
            masked: string[];
        };
        ShareApiAnswer: {
            resourceCode: string;
            /** Format: uuid */
            grantId: string;
            /** @description the upstream’s HTTP status */
            status: number;
            fields: {
                item: string;
                masked: boolean;
            }[];
            /** @description the upstream’s JSON answer with only granted items, masked */
            body: unknown;
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
                        /** @description after this the key fails like a revoked one; null: no end */
                        expiresAt: string | null;
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
                    /**
                     * Format: date-time
                     * @description optional end of the key, at most two years ahead
                     */
                    expiresAt?: string;
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
                        /** @description after this the key fails like a revoked one; null: no end */
                        expiresAt: string | null;
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
                        /** @description how many checkpoints of this log the chain was checked against */
                        checkpoints: number;
                        /** @description the last row moved to an archive file (jutong audit archive); the chain in the database starts after it */
                        archivedTo?: number;
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
    "audit.checkpoints": {
        parameters: {
            query?: {
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
                            line: number;
                            log: string;
                            seq: number;
                            hash: string;
                            at: string;
                            by?: string;
                            /** @description the database whose log it is */
                            db?: string;
                            /** @description on the signed line of an archive boundary: the archive file */
                            archive?: string;
                            alg?: string;
                            key?: string;
                            sig?: string;
                        }[];
                        /** @description the next page, or null at the end of the file so far */
                        next: number | null;
                        /** @description the key that checks the signed lines: pin it once, then compare */
                        key: {
                            /** @enum {string} */
                            alg: "ed25519" | "sm2";
                            id: string;
                            /** @description PEM (SPKI) */
                            publicKey: string;
                        } | null;
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
                    masking?: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "year" | "full";
                    /**
                     * @description the identifier this element can be read off (出生日期, 性别 from a 公民身份号码) and its mask while that identifier is masked in the same record
                     * @default null
                     */
                    derivation?: {
                        /** @enum {string} */
                        from: "citizen-id" | "credit-code";
                        /** @enum {string} */
                        masking: "year" | "full";
                    } | null;
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
                    masking?: "none" | "name" | "citizen-id" | "mobile" | "phone" | "address" | "bank-card" | "credit-code" | "email" | "year" | "full";
                    /**
                     * @description the identifier this element can be read off (出生日期, 性别 from a 公民身份号码) and its mask while that identifier is masked in the same record
                     * @default null
                     */
                    derivation?: {
                        /** @enum {string} */
                        from: "citizen-id" | "credit-code";
                        /** @enum {string} */
                        masking: "year" | "full";
                    } | null;
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
    "gathering.mount.create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description entry id or code (URL-encoded) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "table";
                    name?: string;
                    /** @enum {string} */
                    updateCycle?: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                    keyItems?: string[];
                    /**
                     * @description largest rejected fraction with which a run may still publish
                     * @default 0.05
                     */
                    rejectThreshold?: number;
                } | {
                    /** @enum {string} */
                    kind: "file";
                    name?: string;
                    /** @enum {string} */
                    updateCycle?: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                } | {
                    /** @enum {string} */
                    kind: "api";
                    name?: string;
                    /** @enum {string} */
                    updateCycle?: "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "halfyearly" | "yearly" | "irregular";
                    api: {
                        /** Format: uri */
                        url: string;
                        /**
                         * @default GET
                         * @enum {string}
                         */
                        method?: "GET" | "POST";
                        /** @default [] */
                        params?: {
                            name: string;
                            /**
                             * @default query
                             * @enum {string}
                             */
                            in?: "query" | "header" | "body";
                            /** @default false */
                            required?: boolean;
                            description?: string;
                        }[];
                        /** @default [] */
                        responseFields?: {
                            name: string;
                            /**
                             * @default string
                             * @enum {string}
                             */
                            type?: "string" | "integer" | "decimal" | "date" | "datetime" | "boolean" | "binary";
                            description?: string;
                        }[];
                        /** @default 10000 */
                        timeoutMs?: number;
                    };
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
                    "application/json": components["schemas"]["Mount"];
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
    "gathering.mount.list": {
        parameters: {
            query?: {
                resourceId?: string;
                resourceCode?: string;
                departmentId?: string;
                kind?: "table" | "file" | "api";
                overdue?: "true" | "false";
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
                        items: components["schemas"]["MountListed"][];
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
    "gathering.mount.show": {
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
                    "application/json": components["schemas"]["Mount"];
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
    "gathering.run.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
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
                        items: components["schemas"]["IngestRun"][];
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
    "gathering.run.start": {
        parameters: {
            query?: {
                mode?: "replace" | "upsert" | "delete";
                format?: "csv" | "tsv" | "xlsx" | "json" | "jsonl";
                encoding?: "auto" | "utf-8" | "gbk" | "gb18030";
                filename?: string;
                mapping?: string;
            };
            header?: {
                /** @description an exchange agent’s batch key: a resend with the same key and body answers the stored run */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description the file itself, streamed */
        requestBody: {
            content: {
                "application/octet-stream": string;
                "text/csv": string;
                "text/tab-separated-values": string;
                "application/json": string;
                "application/x-ndjson": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestRun"];
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
    "gathering.run.show": {
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
                    "application/json": components["schemas"]["IngestRun"];
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
    "gathering.run.cancel": {
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        cancelRequested: boolean;
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
    "gathering.file.list": {
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
                    "application/json": components["schemas"]["FileVersion"][];
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
    "gathering.file.upload": {
        parameters: {
            query: {
                filename: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description the file itself, streamed */
        requestBody: {
            content: {
                "*/*": string;
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
                        mountId: string;
                        version: number;
                        filename: string;
                        size: number;
                        sha256: string;
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
    "gathering.api.call": {
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
                    /** @default {} */
                    params?: {
                        [key: string]: string;
                    };
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
                        mountId: string;
                        status: number;
                        ms: number;
                        bytes: number;
                        body: unknown;
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
    "gathering.run.rejects": {
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
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": components["schemas"]["Error"];
                };
            };
            /** @description 成功 Success */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                };
            };
        };
    };
    "gathering.file.download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Error"];
                };
            };
            /** @description 成功 Success */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
        };
    };
    "bases.list": {
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
                    "application/json": components["schemas"]["Base"][];
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
    "bases.base.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description newest: the value from the most recently published run wins · authority: the source with the highest priority wins
                     * @enum {string}
                     */
                    rule?: "newest" | "authority";
                    /** @description the base’s published catalog entry: a department holding a grant on it reads the granted fields; null unlinks */
                    resourceId?: string | null;
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
                    "application/json": components["schemas"]["Base"];
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
    "bases.feed.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
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
                    "application/json": components["schemas"]["BaseFeed"][];
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
    "bases.feed.create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    mountId: string;
                    /** @description base field → the item name (信息项名称) in the mount that feeds it; the key field is required */
                    fieldMap: {
                        [key: string]: string;
                    };
                    /** @default 0 */
                    priority?: number;
                    /** @default true */
                    enabled?: boolean;
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
                        id: number;
                        /**
                         * @description population 人口库 · legal_entity 法人库 · license 电子证照库
                         * @enum {string}
                         */
                        base: "population" | "legal_entity" | "license";
                        /** Format: uuid */
                        mountId: string;
                        mountName: string;
                        /** Format: uuid */
                        resourceId: string;
                        resourceCode: string;
                        resourceName: string;
                        /** Format: uuid */
                        departmentId: string;
                        departmentName: string;
                        fieldMap: {
                            [key: string]: string;
                        };
                        priority: number;
                        enabled: boolean;
                        /** @description the last ingest run (seq) of the mount merged into the base */
                        mergedRun: number;
                        mergedAt: string | null;
                        lastMerge: components["schemas"]["BaseMergeCounts"] | null;
                        createdAt: string;
                        /** @description the job merging what the mount already holds; poll GET /api/v1/jobs/{jobId} */
                        jobId: string | null;
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
    "bases.feed.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description base field → the item name (信息项名称) in the mount that feeds it; the key field is required */
                    fieldMap?: {
                        [key: string]: string;
                    };
                    priority?: number;
                    enabled?: boolean;
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
                    "application/json": components["schemas"]["BaseFeed"];
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
    "bases.feed.merge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    full?: boolean;
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
                        /** @description source rows not merged before (written by runs after the last merge) */
                        considered: number;
                        /** @description of those, rows without a well-formed key */
                        skipped: number;
                        inserted: number;
                        updated: number;
                        unchanged: number;
                        fromRun: number;
                        toRun: number;
                        ms: number;
                        /**
                         * @description population 人口库 · legal_entity 法人库 · license 电子证照库
                         * @enum {string}
                         */
                        base: "population" | "legal_entity" | "license";
                        feedId: number;
                        /** Format: uuid */
                        mountId: string;
                        full: boolean;
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
    "bases.feed.remerge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
                id: number;
            };
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
                        feedId: number;
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
    "bases.record.list": {
        parameters: {
            query?: {
                /** @description prefix of the search field (姓名 / 单位名称 / 持证主体名称) */
                prefix?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
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
                    "application/json": components["schemas"]["BaseRecordList"];
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
    "bases.record.show": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description population 人口库 · legal_entity 法人库 · license 电子证照库 */
                base: "population" | "legal_entity" | "license";
                /** @description 公民身份号码 / 统一社会信用代码 / 证照编号 (URL-encoded) */
                key: string;
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
                    "application/json": components["schemas"]["BaseRecord"];
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
    "sharing.request.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description mine: my department’s; check: awaiting the bureau; review: awaiting my department as provider */
                box?: "mine" | "check" | "review" | "all";
                status?: "submitted" | "checked" | "approved" | "rejected" | "returned" | "withdrawn";
                overdue?: boolean | ("true" | "false");
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
                        items: components["schemas"]["ShareRequest"][];
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
    "sharing.request.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShareRequestCreateInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareRequest"];
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
    "sharing.request.show": {
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
                    "application/json": components["schemas"]["ShareRequest"];
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
    "sharing.request.check": {
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
                "application/json": components["schemas"]["ShareCheckDecisionInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareRequest"];
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
    "sharing.request.review": {
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
                "application/json": components["schemas"]["ShareReviewDecisionInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareRequest"];
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
    "sharing.request.withdraw": {
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
                    "application/json": components["schemas"]["ShareRequest"];
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
    "sharing.grant.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                side?: "consumer" | "provider" | "all";
                state?: "active" | "expired" | "revoked";
                resourceId?: string;
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
                        items: components["schemas"]["ShareGrant"][];
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
    "sharing.grant.show": {
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
                    "application/json": components["schemas"]["ShareGrant"];
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
    "sharing.grant.revoke": {
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
                "application/json": components["schemas"]["ShareGrantRevokeInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareGrant"];
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
    "sharing.grant.lift": {
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
                    "application/json": components["schemas"]["ShareGrant"];
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
    "sharing.records.read": {
        parameters: {
            query?: {
                /** @description comma-separated item names; default: every item of the grant */
                fields?: string;
                /** @description a RowFilter as JSON, within the grant’s (both hold) */
                filter?: string;
                /** @description the `next` cursor of the previous page */
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description the entry’s id or its code, URL-encoded */
                resource: string;
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
                    "application/json": components["schemas"]["ShareRecordsPage"];
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
    "sharing.records.lookup": {
        parameters: {
            query?: {
                /** @description key: the key’s raw value (only when the grant shows the key item unmasked); ref: the record’s reference from a page of records */
                by?: "key" | "ref";
                /** @description comma-separated item names; default: every item of the grant */
                fields?: string;
            };
            header?: never;
            path: {
                /** @description the entry’s id or its code, URL-encoded */
                resource: string;
                /** @description the key’s value, or the record’s ref with by=ref */
                key: string;
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
                    "application/json": components["schemas"]["ShareRecord"];
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
    "sharing.calendar.list": {
        parameters: {
            query: {
                year: number;
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
                    "application/json": components["schemas"]["WorkCalendar"];
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
    "sharing.calendar.set": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    days: {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD, a calendar day in Asia/Shanghai
                         */
                        day: string;
                        /** @description false: a holiday on a weekday · true: a make-up working Saturday or Sunday (调休上班) */
                        workday: boolean;
                        /**
                         * @description 如 春节、国庆节调休上班
                         * @default
                         */
                        note?: string;
                    }[];
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
                        days: number;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD, a calendar day in Asia/Shanghai
                         */
                        from: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD, a calendar day in Asia/Shanghai
                         */
                        to: string;
                        /** @description days saved as exceptions */
                        stored: number;
                        /** @description days that agree with Monday–Friday: their exception, if any, was removed */
                        reset: number;
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
    "sharing.call.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description consumer: my department’s calls · provider: calls on my department’s resources */
                side?: "consumer" | "provider" | "all";
                grantId?: string;
                resourceId?: string;
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
                        items: components["schemas"]["ShareCall"][];
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
    "sharing.call.verify": {
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
                    "application/json": components["schemas"]["ShareCallSealCheck"];
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
    "sharing.api.call": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the entry’s id or its code (URL-encoded) */
                resource: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default {} */
                    params?: {
                        [key: string]: string;
                    };
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
                    "application/json": components["schemas"]["ShareApiAnswer"];
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
    "gathering.mount.preview": {
        parameters: {
            query?: {
                limit?: number;
            };
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
                    "application/json": components["schemas"]["Preview"];
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
    "sharing.objection.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description mine: raised by my department; provider: about my department’s resources; all: the bureau and auditors */
                box?: "mine" | "provider" | "all";
                resourceId?: string;
                status?: "raised" | "accepted" | "archived";
                /** @description true: only those past their deadline and not yet answered; false: only the others */
                overdue?: boolean;
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
                        items: components["schemas"]["ShareObjection"][];
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
    "sharing.objection.raise": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShareObjectionCreateInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareObjection"];
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
    "sharing.objection.show": {
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
                    "application/json": components["schemas"]["ShareObjection"];
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
    "sharing.objection.accept": {
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
                    "application/json": components["schemas"]["ShareObjection"];
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
    "sharing.objection.answer": {
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
                "application/json": components["schemas"]["ShareObjectionAnswerInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareObjection"];
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
    "sharing.subscription.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description mine: my department’s; all: every department’s (the bureau, auditors) */
                scope?: "mine" | "all";
                state?: "active" | "cancelled";
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
                        items: components["schemas"]["ShareSubscription"][];
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
    "sharing.subscription.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShareSubscriptionCreateInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareSubscriptionCreated"];
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
    "sharing.subscription.show": {
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
                    "application/json": components["schemas"]["ShareSubscription"];
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
    "sharing.subscription.cancel": {
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
                    "application/json": components["schemas"]["ShareSubscription"];
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
    "sharing.subscription.deliveries": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "pending" | "succeeded" | "failed" | "gave_up";
            };
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
                        items: components["schemas"]["ShareWebhookDelivery"][];
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
    "sharing.notification.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description true: unread only · false: read only */
                unread?: boolean;
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
                    "application/json": components["schemas"]["ShareNotificationList"];
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
    "sharing.notification.read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShareNotificationsReadInput"];
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
                        marked: number;
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
    "sharing.export.download": {
        parameters: {
            query?: {
                /** @description csv: UTF-8 with BOM, RFC 4180; xlsx: every cell as text */
                format?: "csv" | "xlsx";
                /** @description comma-separated item names; default: every item of the grant */
                fields?: string;
                /** @description a RowFilter as JSON, within the grant’s (both hold) */
                filter?: string;
            };
            header?: never;
            path: {
                /** @description the entry’s id or its code (URL-encoded) */
                resource: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": components["schemas"]["Error"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                };
            };
            /** @description 成功 Success */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
        };
    };
    "sharing.export.list": {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                grantId?: string;
                resourceId?: string;
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
                        items: components["schemas"]["ShareExport"][];
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
    "sharing.records.changes": {
        parameters: {
            query?: {
                /** @description the `next` of the previous page; absent: start with a full snapshot */
                since?: string;
                /** @description rows a page at most; a resource of many items gets fewer (at most 300,000 values a page) */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description the entry’s id or its code (URL-encoded) */
                resource: string;
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
                    "application/json": components["schemas"]["ShareChangesPage"];
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
    "sharing.usage.show": {
        parameters: {
            query: {
                resourceId: string;
                /** @description the last n days, today included (Asia/Shanghai) */
                days?: number;
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
                    "application/json": components["schemas"]["ShareUsage"];
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
    "sharing.export.trace": {
        parameters: {
            query?: {
                /** @description the file’s name, to help tell its format */
                filename?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description the file itself */
        requestBody: {
            content: {
                "application/octet-stream": string;
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareExportTrace"];
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
