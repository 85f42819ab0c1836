"""The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json."""

from __future__ import annotations

from flask import current_app, jsonify

from web.api import bp

ERRORS = {
    code: {"$ref": f"#/components/responses/{name}"}
    for code, name in (
        ("400", "BadRequest"),
        ("401", "Unauthorized"),
        ("404", "NotFound"),
        ("409", "Conflict"),
        ("422", "Invalid"),
    )
}


def _ok(schema: dict, code: str = "200", text: str = "Correcto") -> dict:
    return {
        code: {"description": text, "content": {"application/json": {"schema": schema}}},
        **ERRORS,
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(key: str, item: str) -> dict:
    return {
        "type": "object",
        "required": [key],
        "properties": {key: {"type": "array", "items": _ref(item)}},
    }


def _param(name: str, where: str, schema: dict, required=False, text="") -> dict:
    return {"name": name, "in": where, "required": required, "schema": schema, "description": text}


ID = {"type": "integer", "minimum": 1, "maximum": 2147483647}
DATE = {"type": "string", "format": "date", "pattern": "^20[0-9]{2}-"}
MOMENT = {
    "type": "string",
    "format": "date-time",
    "pattern": "^20[0-9]{2}-",
    "description": "Con zona horaria, p. ej. 2026-12-03T17:00:00-06:00",
}
NUMBER = _param("number", "path", ID, True, "Número corto de la cita (#41)")
CUSTOMER_ID = _param("customer_id", "path", ID, True)
JSON_BODY = lambda schema: {"required": True, "content": {"application/json": {"schema": schema}}}  # noqa: E731

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "integer"},
                    "message": {"type": "string", "description": "Explicación en español"},
                    "field": {"type": "string"},
                },
            }
        },
    },
    "Ref": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": ID, "name": {"type": "string"}},
    },
    "Customer": {
        "type": "object",
        "required": ["id", "name", "phone", "no_show_count", "notes"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "phone": {"type": "string", "nullable": True, "description": "E.164"},
            "no_show_count": {"type": "integer"},
            "notes": {"type": "string"},
        },
    },
    "Appointment": {
        "type": "object",
        "required": [
            "number",
            "status",
            "start",
            "end",
            "service",
            "staff",
            "customer",
            "price_cents",
        ],
        "properties": {
            "number": {"type": "integer"},
            "status": {
                "type": "string",
                "enum": ["booked", "confirmed", "completed", "cancelled", "no_show"],
            },
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "service": _ref("Ref"),
            "staff": _ref("Ref"),
            "customer": _ref("Customer"),
            "price_cents": {"type": "integer"},
            "source": {"type": "string"},
            "notes": {"type": "string"},
            "cancel_reason": {"type": "string"},
        },
    },
    "Service": {
        "type": "object",
        "required": ["id", "name", "duration_min", "price_cents", "buffer_min"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "duration_min": {"type": "integer"},
            "price_cents": {"type": "integer"},
            "buffer_min": {"type": "integer"},
        },
    },
    "Staff": {
        "type": "object",
        "required": ["id", "name", "role"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "role": {"type": "string", "enum": ["owner", "employee"]},
        },
    },
    "FreeTime": {
        "type": "object",
        "required": ["start", "end", "staff_ids"],
        "properties": {
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "staff_ids": {"type": "array", "items": {"type": "integer"}},
        },
    },
    "NewCustomer": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 120},
            "phone": {"type": "string", "maxLength": 40, "description": "10 dígitos o +52…"},
        },
    },
    "CustomerChange": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 120},
            "phone": {"type": "string", "maxLength": 40, "nullable": True},
        },
    },
    "NewAppointment": {
        "type": "object",
        "required": ["service_id", "start"],
        "properties": {
            "service_id": ID,
            "staff_id": ID,
            "start": MOMENT,
            "customer_id": ID,
            "customer": _ref("NewCustomer"),
            "notes": {"type": "string", "maxLength": 1000},
        },
        "description": "Envía customer_id o customer.",
    },
    "AppointmentChange": {
        "type": "object",
        "properties": {
            "start": MOMENT,
            "staff_id": ID,
            "notes": {"type": "string", "maxLength": 1000},
            "status": {"type": "string", "enum": ["completed", "no_show"]},
        },
    },
    "Row": {
        "type": "object",
        "required": ["id", "name", "appointments", "completed", "expected_cents", "earned_cents"],
        "properties": {
            "id": ID,
            "name": {"type": "string"},
            "appointments": {"type": "integer"},
            "completed": {"type": "integer"},
            "expected_cents": {"type": "integer"},
            "earned_cents": {"type": "integer"},
        },
    },
    "Figures": {
        "type": "object",
        "required": [
            "period",
            "from",
            "to",
            "appointments",
            "completed",
            "no_shows",
            "cancelled",
            "expected_cents",
            "earned_cents",
            "no_show_rate",
            "cancellation_rate",
            "staff",
            "services",
            "channels",
            "busiest_hours",
        ],
        "properties": {
            "period": {"type": "string", "enum": ["today", "week", "month"]},
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date", "description": "Incluido"},
            "appointments": {"type": "integer", "description": "Sin contar las canceladas"},
            "completed": {"type": "integer"},
            "no_shows": {"type": "integer"},
            "cancelled": {"type": "integer"},
            "expected_cents": {
                "type": "integer",
                "description": "Precio de las citas no canceladas ni perdidas",
            },
            "earned_cents": {"type": "integer", "description": "Precio de las completadas"},
            "no_show_rate": {
                "type": "number",
                "nullable": True,
                "description": "No asistió / (completadas + no asistió)",
            },
            "cancellation_rate": {
                "type": "number",
                "nullable": True,
                "description": "Canceladas / (citas + canceladas)",
            },
            "staff": {"type": "array", "items": _ref("Row")},
            "services": {"type": "array", "items": _ref("Row")},
            "channels": {
                "type": "object",
                "description": "Citas por origen: whatsapp, dashboard, walk_in, api",
                "additionalProperties": {"type": "integer"},
            },
            "busiest_hours": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["hour", "appointments"],
                    "properties": {
                        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
                        "appointments": {"type": "integer"},
                    },
                },
            },
        },
    },
    "Summary": {
        "type": "object",
        "required": ["currency", "timezone", "today", "week", "month"],
        "properties": {
            "currency": {"type": "string", "enum": ["MXN"]},
            "timezone": {"type": "string"},
            "today": _ref("Figures"),
            "week": _ref("Figures"),
            "month": _ref("Figures"),
        },
    },
    "Cancellation": {
        "type": "object",
        "properties": {"reason": {"type": "string", "maxLength": 500}},
    },
}


def _error_response(text: str) -> dict:
    return {"description": text, "content": {"application/json": {"schema": _ref("Error")}}}


PATHS = {
    "/appointments": {
        "get": {
            "summary": "Citas en un rango de fechas (hora local del negocio)",
            "operationId": "listAppointments",
            "parameters": [
                _param("from", "query", DATE, text="Primer día; hoy si falta"),
                _param("to", "query", DATE, text="Último día (incluido); 7 días si falta"),
                _param("staff_id", "query", ID),
            ],
            "responses": _ok(_list("appointments", "Appointment")),
        },
        "post": {
            "summary": "Agendar una cita",
            "operationId": "createAppointment",
            "requestBody": JSON_BODY(_ref("NewAppointment")),
            "responses": _ok(_ref("Appointment"), "201", "Cita agendada"),
        },
    },
    "/appointments/{number}": {
        "parameters": [NUMBER],
        "get": {
            "summary": "Una cita",
            "operationId": "getAppointment",
            "responses": _ok(_ref("Appointment")),
        },
        "patch": {
            "summary": "Mover, anotar, completar o marcar no asistió",
            "operationId": "updateAppointment",
            "requestBody": JSON_BODY(_ref("AppointmentChange")),
            "responses": _ok(_ref("Appointment")),
        },
    },
    "/appointments/{number}/cancel": {
        "parameters": [NUMBER],
        "post": {
            "summary": "Cancelar una cita (se avisa al cliente)",
            "operationId": "cancelAppointment",
            "requestBody": {
                "required": False,
                "content": {"application/json": {"schema": _ref("Cancellation")}},
            },
            "responses": _ok(_ref("Appointment")),
        },
    },
    "/customers": {
        "get": {
            "summary": "Buscar clientes por nombre o teléfono",
            "operationId": "listCustomers",
            "parameters": [_param("q", "query", {"type": "string", "maxLength": 80})],
            "responses": _ok(_list("customers", "Customer")),
        },
        "post": {
            "summary": "Registrar un cliente",
            "operationId": "createCustomer",
            "requestBody": JSON_BODY(_ref("NewCustomer")),
            "responses": _ok(_ref("Customer"), "201", "Cliente registrado"),
        },
    },
    "/customers/{customer_id}": {
        "parameters": [CUSTOMER_ID],
        "get": {
            "summary": "Un cliente",
            "operationId": "getCustomer",
            "responses": _ok(_ref("Customer")),
        },
        "patch": {
            "summary": "Cambiar nombre o teléfono",
            "operationId": "updateCustomer",
            "requestBody": JSON_BODY(_ref("CustomerChange")),
            "responses": _ok(_ref("Customer")),
        },
    },
    "/services": {
        "get": {
            "summary": "Servicios activos",
            "operationId": "listServices",
            "responses": _ok(_list("services", "Service")),
        }
    },
    "/staff": {
        "get": {
            "summary": "Equipo activo",
            "operationId": "listStaff",
            "responses": _ok(_list("staff", "Staff")),
        }
    },
    "/free-times": {
        "get": {
            "summary": "Horarios libres de un servicio",
            "operationId": "listFreeTimes",
            "parameters": [
                _param("service_id", "query", ID, True),
                _param("date", "query", DATE, text="Primer día; hoy si falta"),
                _param("days", "query", {"type": "integer", "minimum": 1, "maximum": 14}),
                _param("staff_id", "query", ID),
            ],
            "responses": _ok(_list("free_times", "FreeTime")),
        }
    },
    "/summary": {
        "get": {
            "summary": "Cifras de hoy, de esta semana y de este mes (como el Resumen del panel)",
            "operationId": "getSummary",
            "responses": _ok(_ref("Summary")),
        }
    },
}


def spec(server_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Yume API",
            "version": "1.0.0",
            "description": (
                "Citas, clientes, servicios, equipo y horarios libres de un negocio. Crea un "
                "token en Ajustes → API del panel y envíalo como Authorization: Bearer <token>. "
                "Los errores son JSON con un mensaje en español."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
            "responses": {
                "BadRequest": _error_response("Solicitud mal formada"),
                "Unauthorized": _error_response("Falta el token o no es válido"),
                "NotFound": _error_response("No existe en este negocio"),
                "Conflict": _error_response("Choca con otra cita o con el estado de la cita"),
                "Invalid": _error_response("Un dato no se puede usar"),
            },
        },
    }


@bp.get("/openapi.json")
def openapi():
    base = current_app.config["YUME"].app.public_base_url.rstrip("/")
    return jsonify(spec(f"{base}/api/v1"))
